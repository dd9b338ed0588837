"""Independent float64 references for 07_source_filter, written from COURSE_SPEC.md.

scipy.linalg.solve_toeplitz for the normal equations, scipy.signal.lfilter for FIR and
all-pole filtering, np.polymul for cascades of resonators, explicit sums and np.interp for
the rest; never the reference solution.
"""
import numpy as np
import scipy.linalg
import scipy.signal

from autograder import oracles

TWO_PI = 2 * np.pi


def autocorrelation(x, max_lag):
    """r[k] = sum_n x[n] x[n+k], k = 0 .. max_lag, by np.correlate: (batch, max_lag + 1)."""
    x = np.asarray(x, np.float64)
    n = x.shape[-1]
    return np.stack([np.correlate(row, row, mode="full")[n - 1:n + max_lag] for row in x])


def autocorrelation_vjp(x, cotangent):
    """d<c, r>/dx[m] = sum_k c[k] (x[m+k] + x[m-k]) (terms outside the signal are zero)."""
    x = np.asarray(x, np.float64)
    n = x.shape[-1]
    grad = np.zeros_like(x)
    for k in range(cotangent.shape[-1]):
        grad[:, :n - k] += cotangent[:, k:k + 1] * x[:, k:]
        grad[:, k:] += cotangent[:, k:k + 1] * x[:, :n - k]
    return grad


def levinson(r, order):
    """(a, error) from scipy.linalg.solve_toeplitz of sum_j a_j r[|i-j|] = -r[i], i = 1 .. order."""
    r = np.asarray(r, np.float64)
    a = np.stack([scipy.linalg.solve_toeplitz(row[:order], -row[1:order + 1]) for row in r])
    error = r[:, 0] + np.sum(a * r[:, 1:order + 1], axis=-1)
    return a, error


def levinson_stacked(r, order):
    a, error = levinson(r, order)
    return np.concatenate([a, error[:, None]], axis=-1)


def inverse_filter(s, a):
    """scipy.signal.lfilter([1, *a], [1], s) per item; a (p,) shared or (batch, p)."""
    s = np.asarray(s, np.float64)
    a = np.broadcast_to(np.asarray(a, np.float64), (s.shape[0], np.shape(a)[-1]))
    return np.stack([scipy.signal.lfilter(np.r_[1.0, a_i], [1.0], s_i) for s_i, a_i in zip(s, a)])


def inverse_filter_vjp(s, a, cotangent):
    """Gradients of <c, e> for e[n] = s[n] + sum_k a[k-1] s[n-k]: w.r.t. s (batch, n) and a (batch, p)."""
    s = np.asarray(s, np.float64)
    n, p = s.shape[-1], a.shape[-1]
    d_s = cotangent.copy()
    d_a = np.zeros((s.shape[0], p))
    for k in range(1, p + 1):
        d_s[:, :n - k] += a[:, k - 1:k] * cotangent[:, k:]
        d_a[:, k - 1] = np.sum(cotangent[:, k:] * s[:, :n - k], axis=-1)
    return d_s, d_a


def _read_position(table_size, f0, n_samples, phase0):
    phase = oracles.exclusive_phase(oracles.upsample(f0, n_samples), phase0)
    position = np.mod(phase / TWO_PI * table_size, table_size)
    below = np.floor(position)
    frac = position - below
    index = below.astype(np.int64) % table_size
    return index, (index + 1) % table_size, frac


def wavetable(table, f0, n_samples, phase0=None):
    """Linear-interpolation wavetable reading at the exclusive phase of the upsampled f0."""
    table = np.asarray(table, np.float64)
    i0, i1, frac = _read_position(table.shape[0], f0, n_samples, phase0)
    return (1 - frac) * table[i0] + frac * table[i1]


def wavetable_vjp(table, f0, n_samples, phase0, cotangent):
    """Closed-form gradients of <c, wavetable(...)> w.r.t. table (T,) and f0 (batch, n_frames)."""
    table = np.asarray(table, np.float64)
    size = table.shape[0]
    i0, i1, frac = _read_position(size, f0, n_samples, phase0)
    d_table = np.zeros(size)
    np.add.at(d_table, i0.ravel(), ((1 - frac) * cotangent).ravel())
    np.add.at(d_table, i1.ravel(), (frac * cotangent).ravel())
    # d out / d phase = (table[i1] - table[i0]) * size / (2 pi); floor and mod add nothing.
    d_phase = cotangent * (table[i1] - table[i0]) * size / TWO_PI
    d_omega = np.cumsum(d_phase[..., ::-1], axis=-1)[..., ::-1] - d_phase  # exclusive sum, reversed
    interp = oracles.interpolation_matrix(np.shape(f0)[-1], n_samples)
    return d_table, d_omega @ interp


def resonator(frequency_hz, bandwidth_hz, sample_rate):
    r = np.exp(-np.pi * bandwidth_hz / sample_rate)
    return np.array([1.0, -2 * r * np.cos(TWO_PI * frequency_hz / sample_rate), r * r])


def formant_filter(formants_hz, bandwidths_hz, sample_rate):
    """np.polymul of the resonators' polynomials, leading 1 dropped: (batch, 2 * n_formants)."""
    rows = []
    for fs, bs in zip(np.asarray(formants_hz, np.float64), np.asarray(bandwidths_hz, np.float64)):
        poly = np.array([1.0])
        for f, b in zip(fs, bs):
            poly = np.polymul(poly, resonator(f, b, sample_rate))
        rows.append(poly[1:])
    return np.stack(rows)


def rosenberg_derivative(table_size, open_fraction, closing_fraction):
    """The grader's own glottal source: derivative of a Rosenberg flow pulse, zero mean, peak 1."""
    t = np.arange(table_size) / table_size
    flow = np.where(t < open_fraction, 0.5 * (1 - np.cos(np.pi * t / open_fraction)),
                    np.where(t < open_fraction + closing_fraction,
                             np.cos(np.pi * (t - open_fraction) / (2 * closing_fraction)), 0.0))
    derivative = np.roll(flow, -1) - flow
    derivative = derivative - derivative.mean()
    return derivative / np.abs(derivative).max()


def vowel(table, f0, n_samples, formants_hz, bandwidths_hz, sample_rate, noise):
    """A source-filter vowel: (wavetable + noise) through the exact all-pole recursion (lfilter)."""
    source = wavetable(table, f0, n_samples) + noise
    out = []
    for row, fs, bs in zip(source, formants_hz, bandwidths_hz):
        a = formant_filter(np.asarray(fs)[None], np.asarray(bs)[None], sample_rate)[0]
        out.append(scipy.signal.lfilter([1.0], np.r_[1.0, a], row))
    return np.stack(out)


def log_spectrum(x, n_fft, sample_rate, max_hz):
    """Average power spectrum in dB up to max_hz: reflect-padded frames, periodic Hann, rfft."""
    x = np.asarray(x, np.float64)
    pad = n_fft // 2
    padded = np.pad(x, [(0, 0), (pad, pad)], mode="reflect")
    hop = n_fft // 4
    n_frames = 1 + (padded.shape[-1] - n_fft) // hop
    index = np.arange(n_fft)[None, :] + hop * np.arange(n_frames)[:, None]
    window = 0.5 - 0.5 * np.cos(TWO_PI * np.arange(n_fft) / n_fft)
    spectrum = np.fft.rfft(padded[:, index] * window, axis=-1)         # (batch, frames, bins)
    n_bins = int(max_hz * n_fft / sample_rate) + 1
    power = np.mean(np.abs(spectrum[..., :n_bins]) ** 2, axis=1)
    return 10 * np.log10(power + 1e-10)


def spectral_distance_db(x, y, sample_rate, n_ffts=(64, 256), max_hz=4000.0, gain_invariant=False):
    """Per item: mean |dB difference| of the average spectra below max_hz, averaged over n_ffts.

    With ``gain_invariant`` the mean dB difference of each item is removed first, so only the
    shape of the spectrum counts (a louder copy is at distance 0)."""
    total = 0.0
    for n_fft in n_ffts:
        d = log_spectrum(x, n_fft, sample_rate, max_hz) - log_spectrum(y, n_fft, sample_rate, max_hz)
        if gain_invariant:
            d = d - d.mean(axis=-1, keepdims=True)
        total = total + np.mean(np.abs(d), axis=-1)
    return total / len(n_ffts)
