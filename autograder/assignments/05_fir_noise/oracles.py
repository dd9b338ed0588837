"""Float64 numpy references for 05_fir_noise, written from COURSE_SPEC.md.

Nothing here uses an FFT except where noted as a second opinion: convolution is
``np.convolve`` or an explicit convolution matrix, the frequency-sampling design is
an explicit cosine sum (the inverse real DFT written out) times the periodic Hann
window from its cosine formula, and the frame-wise filter is a loop over blocks with
``np.convolve`` and overlap-add. Gradients are closed forms: every function of this
assignment is linear in each of its inputs, so its vector-Jacobian product is the
transpose of an explicit matrix applied to the cotangent.
"""
import numpy as np


# ---------------------------------------------------------------------------
# Time-invariant FIR filtering.
def per_item_filters(h, batch):
    """(batch, n_taps) view of ``h`` given as (n_taps,) shared over the batch or (batch, n_taps)."""
    h = np.asarray(h, np.float64)
    return np.broadcast_to(h, (batch, h.shape[-1])) if h.ndim == 1 else h


def fir(x, h):
    """y[b, n] = sum_m h[b, m] x[b, n - m], zero initial state, first n_samples of np.convolve."""
    x = np.asarray(x, np.float64)
    hs = per_item_filters(h, x.shape[0])
    return np.stack([np.convolve(x[b], hs[b])[:x.shape[1]] for b in range(x.shape[0])])


def convolution_matrix(h, n):
    """(n, n) matrix T with T[i, k] = h[i - k] for 0 <= i - k < n_taps: fir(x, h) = T @ x."""
    t = np.zeros((n, n))
    for m, hm in enumerate(np.asarray(h, np.float64)[:n]):
        t += hm * np.eye(n, k=-m)
    return t


def signal_matrix(x, n_taps):
    """(n, n_taps) matrix S with S[i, m] = x[i - m] (0 for i < m): fir(x, h) = S @ h."""
    x = np.asarray(x, np.float64)
    n = x.shape[-1]
    s = np.zeros((n, n_taps))
    for m in range(min(n_taps, n)):
        s[m:, m] = x[:n - m]
    return s


def fir_vjp(x, h, cotangent):
    """Gradients of <cotangent, fir(x, h)> w.r.t. x and h (h shared: summed over the batch)."""
    x = np.asarray(x, np.float64)
    h = np.asarray(h, np.float64)
    hs = per_item_filters(h, x.shape[0])
    n, n_taps = x.shape[1], h.shape[-1]
    d_x = np.stack([convolution_matrix(hs[b], n).T @ cotangent[b] for b in range(x.shape[0])])
    d_h = np.stack([signal_matrix(x[b], n_taps).T @ cotangent[b] for b in range(x.shape[0])])
    return d_x, (d_h.sum(axis=0) if h.ndim == 1 else d_h)


# ---------------------------------------------------------------------------
# Frequency-sampling design.
def design_matrix(n_bins):
    """(n_taps, K) matrix D with fir_window_design(m) = m @ D.T along the last dimension.

    The inverse real DFT of K zero-phase bins at n_taps = 2 (K - 1) points, written as a
    cosine sum (DC and Nyquist bins once, the others twice), evaluated at n - n_taps // 2
    (the roll), times the periodic Hann window 0.5 - 0.5 cos(2 pi n / n_taps).
    """
    n_taps = 2 * (n_bins - 1)
    n = np.arange(n_taps)
    k = np.arange(n_bins)
    weight = np.full(n_bins, 2.0)
    weight[0] = weight[-1] = 1.0
    zero_phase = weight * np.cos(2 * np.pi * np.outer(n - n_taps // 2, k) / n_taps) / n_taps
    window = 0.5 - 0.5 * np.cos(2 * np.pi * n / n_taps)
    return window[:, None] * zero_phase


def window_design(magnitudes):
    magnitudes = np.asarray(magnitudes, np.float64)
    return magnitudes @ design_matrix(magnitudes.shape[-1]).T


def window_design_vjp(n_bins, cotangent):
    """Gradient of <cotangent, window_design(m)> w.r.t. m, for m with n_bins in its last dimension."""
    return np.asarray(cotangent, np.float64) @ design_matrix(n_bins)


# ---------------------------------------------------------------------------
# Frame-wise (time-varying) filtering.
def framewise(x, impulse_responses):
    """Block i = x[:, i*hop:(i+1)*hop] convolved (np.convolve, full) with response i, added at i*hop, cropped."""
    x = np.asarray(x, np.float64)
    ir = np.asarray(impulse_responses, np.float64)
    batch, n = x.shape
    n_frames, n_taps = ir.shape[1:]
    hop = n // n_frames
    out = np.zeros((batch, n + hop + n_taps))
    for b in range(batch):
        for i in range(n_frames):
            piece = np.convolve(x[b, i * hop:(i + 1) * hop], ir[b, i])
            out[b, i * hop:i * hop + piece.size] += piece
    return out[:, :n]


def framewise_vjp(x, impulse_responses, cotangent):
    """Gradients of <c, framewise(x, ir)>: y[i*hop + j + m] += x[i*hop + j] ir[i, m] (indices < n_samples)."""
    x = np.asarray(x, np.float64)
    ir = np.asarray(impulse_responses, np.float64)
    batch, n = x.shape
    n_frames, n_taps = ir.shape[1:]
    hop = n // n_frames
    padded = np.concatenate([cotangent, np.zeros((batch, n_taps + hop))], axis=1)  # outputs past the crop: 0
    d_x, d_ir = np.zeros_like(x), np.zeros_like(ir)
    for b in range(batch):
        for i in range(n_frames):
            block = x[b, i * hop:(i + 1) * hop]
            for m in range(n_taps):
                shifted = padded[b, i * hop + m:i * hop + m + hop]
                d_x[b, i * hop:(i + 1) * hop] += ir[b, i, m] * shifted
                d_ir[b, i, m] = block @ shifted
    return d_x, d_ir


def filtered_noise(magnitudes, noise):
    """framewise(noise, window_design(magnitudes transposed to (batch, n_frames, n_bands)))."""
    return framewise(noise, window_design(np.swapaxes(np.asarray(magnitudes, np.float64), 1, 2)))


def filtered_noise_vjp(magnitudes, noise, cotangent):
    ir = window_design(np.swapaxes(np.asarray(magnitudes, np.float64), 1, 2))
    d_noise, d_ir = framewise_vjp(noise, ir, cotangent)
    d_magnitudes = window_design_vjp(np.shape(magnitudes)[1], d_ir)            # (batch, n_frames, n_bands)
    return np.swapaxes(d_magnitudes, 1, 2), d_noise
