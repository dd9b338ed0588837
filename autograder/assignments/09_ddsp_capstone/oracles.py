"""Float64 numpy references for 09_ddsp_capstone, written from COURSE_SPEC.md.

Nothing here imports or copies the notebook's code: framing and padding are spelled out
with numpy indexing, the A-weighting with its formula, filters with explicit FFT
convolutions, the harmonic synthesiser with the shared interpolation matrix and an
explicit exclusive cumulative sum.
"""
import math

import numpy as np

from autograder import oracles as shared


# ---------------------------------------------------------------------------
# STFT framing (centred, reflect padding, periodic Hann), as in 04's stft_magnitude.
def periodic_hann(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def stft(x, n_fft, hop_length):
    """(batch, n_fft // 2 + 1, 1 + n_samples // hop_length) complex128 spectrum of x."""
    x = np.asarray(x, np.float64)
    pad = n_fft // 2
    padded = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode="reflect")
    n_frames = 1 + x.shape[-1] // hop_length
    index = np.arange(n_fft)[None, :] + hop_length * np.arange(n_frames)[:, None]
    frames = padded[..., index] * periodic_hann(n_fft)           # (batch, n_frames, n_fft)
    return np.swapaxes(np.fft.rfft(frames, axis=-1), -1, -2)


def a_weighting_response(f):
    """R_A(f) of IEC 61672-1 (0 at 0 Hz)."""
    f2 = np.asarray(f, np.float64) ** 2
    return (12194.0 ** 2 * f2 ** 2 /
            ((f2 + 20.6 ** 2) * np.sqrt((f2 + 107.7 ** 2) * (f2 + 737.9 ** 2)) * (f2 + 12194.0 ** 2)))


def a_weights(sample_rate, frame_size):
    """(R_A(f_k) / R_A(1000))**2 at f_k = k sample_rate / frame_size, k = 0 .. frame_size // 2."""
    f = np.arange(frame_size // 2 + 1) * sample_rate / frame_size
    return (a_weighting_response(f) / a_weighting_response(1000.0)) ** 2


def a_weighted_power(x, sample_rate, frame_size=1024, hop_length=256):
    spectrum = stft(x, frame_size, hop_length)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    return np.mean(power * a_weights(sample_rate, frame_size)[:, None], axis=-2)


def loudness_db(x, sample_rate, frame_size=1024, hop_length=256):
    """10 log10(max(p, 1e-10)) of the A-weighted mean power p: (batch, n_frames) in dB."""
    return 10.0 * np.log10(np.maximum(a_weighted_power(x, sample_rate, frame_size, hop_length), 1e-10))


# ---------------------------------------------------------------------------
# The harmonic-plus-noise synthesiser.
def scale(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    """max_value * sigmoid(x) ** ln(exponent) + threshold, the power taken in log space."""
    log_sigmoid = -np.logaddexp(0.0, -np.asarray(x, np.float64))
    return max_value * np.exp(math.log(exponent) * log_sigmoid) + threshold


def harmonic(f0_hz, global_amplitude, harmonic_amplitudes, n_samples, sample_rate):
    """03's harmonic_synth at f0 = 2 pi f0_hz / sample_rate: (batch, n_samples)."""
    f0 = 2 * np.pi * np.asarray(f0_hz, np.float64) / sample_rate
    n_harmonics = np.shape(harmonic_amplitudes)[1]
    omega = f0[:, None, :] * np.arange(1, n_harmonics + 1)[None, :, None]   # (batch, K, n_frames)
    masked = np.where(omega < np.pi, scale(harmonic_amplitudes), 0.0)
    total = masked.sum(axis=1, keepdims=True)
    amplitudes = scale(global_amplitude)[:, None, :] * masked / np.where(total > 0, total, 1.0)
    interp = shared.interpolation_matrix(f0.shape[-1], n_samples)            # (n_samples, n_frames)
    a = amplitudes @ interp.T
    w = omega @ interp.T
    phase = np.concatenate([np.zeros(w.shape[:-1] + (1,)), np.cumsum(w, axis=-1)[..., :-1]], axis=-1)
    return np.sum(a * np.sin(phase), axis=1)


def fir_window_design(magnitudes):
    """irfft(magnitudes, n=2(K-1)), rolled by n_taps // 2, times a periodic Hann window."""
    magnitudes = np.asarray(magnitudes, np.float64)
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = np.fft.irfft(magnitudes, n=n_taps, axis=-1)
    return np.roll(h, n_taps // 2, axis=-1) * periodic_hann(n_taps)


def framewise_fir(x, impulse_responses):
    """Block i of x linearly convolved with response i, overlap-added, cropped to n_samples."""
    x = np.asarray(x, np.float64)
    batch, n_frames, n_taps = impulse_responses.shape
    n_samples = x.shape[-1]
    hop = n_samples // n_frames
    length = hop + n_taps - 1
    n_fft = 1 << (length - 1).bit_length()
    blocks = x.reshape(batch, n_frames, hop)
    convolved = np.fft.irfft(np.fft.rfft(blocks, n_fft, axis=-1) * np.fft.rfft(impulse_responses, n_fft, axis=-1),
                             n_fft, axis=-1)[..., :length]
    out = np.zeros((batch, n_frames * hop + length))
    for i in range(n_frames):
        out[:, i * hop:i * hop + length] += convolved[:, i]
    return out[:, :n_samples]


def noise(noise_magnitudes, white):
    """05's filtered_noise of scale(noise_magnitudes): magnitudes (batch, n_bands, n_frames)."""
    responses = fir_window_design(np.swapaxes(scale(noise_magnitudes), 1, 2))
    return framewise_fir(white, responses)


def harmonic_plus_noise(f0_hz, global_amplitude, harmonic_amplitudes, noise_magnitudes, white, sample_rate):
    white = np.asarray(white, np.float64)
    return (harmonic(f0_hz, global_amplitude, harmonic_amplitudes, white.shape[-1], sample_rate)
            + noise(noise_magnitudes, white))


# ---------------------------------------------------------------------------
# 04's multi-resolution STFT loss (spectral convergence + log-magnitude L1).
def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    spectrum = stft(x, n_fft, hop_length)
    return np.sqrt(np.maximum(spectrum.real ** 2 + spectrum.imag ** 2, eps))


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64)):
    """mean over resolutions of ||Y - X||_F / ||Y||_F + mean |log Y - log X|, hop n_fft // 4."""
    total = 0.0
    for n_fft in fft_sizes:
        x_mag, y_mag = stft_magnitude(x, n_fft, n_fft // 4), stft_magnitude(y, n_fft, n_fft // 4)
        total += np.linalg.norm(y_mag - x_mag) / np.linalg.norm(y_mag)
        total += np.mean(np.abs(np.log(y_mag) - np.log(x_mag)))
    return total / len(fft_sizes)
