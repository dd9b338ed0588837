"""Independent numpy references shared by several assignments.

Written from the definitions in COURSE_SPEC.md with explicit formulas
(``np.interp``, explicit sums), never from the reference solutions.
"""
import numpy as np

EPS32 = float(np.finfo(np.float32).eps)


def interpolation_matrix(n_frames, n_samples):
    """(n_samples, n_frames) matrix of linear interpolation, align_corners=False.

    Sample ``n`` sits at frame position ``(n + 0.5) * n_frames / n_samples - 0.5``,
    clamped to the first and last frame (what ``np.interp`` does at the edges).
    """
    position = (np.arange(n_samples) + 0.5) * n_frames / n_samples - 0.5
    eye = np.eye(n_frames)
    return np.stack([np.interp(position, np.arange(n_frames), eye[:, f]) for f in range(n_frames)], axis=1)


def upsample(envelope, n_samples):
    """Linear upsampling of the last dimension, float64."""
    envelope = np.asarray(envelope, dtype=np.float64)
    return envelope @ interpolation_matrix(envelope.shape[-1], n_samples).T


def exclusive_phase(omega, phase0=None):
    """phase[n] = phase0 + sum_{m<n} omega[m] over the last dimension, float64."""
    omega = np.asarray(omega, dtype=np.float64)
    phase = np.concatenate([np.zeros(omega.shape[:-1] + (1,)), np.cumsum(omega, axis=-1)[..., :-1]], axis=-1)
    if phase0 is not None:
        phase = phase + np.asarray(phase0, dtype=np.float64)[..., None]
    return phase


def sinusoid(amplitude, frequency, n_samples, phase=None):
    """Reference oscillator: frames (batch, n_frames) -> (batch, n_samples)."""
    a = upsample(amplitude, n_samples)
    w = upsample(frequency, n_samples)
    return a * np.sin(exclusive_phase(w, phase))


def sinusoid_vjp(amplitude, frequency, n_samples, phase, cotangent):
    """Closed-form gradients of <cotangent, sinusoid(...)> w.r.t. amplitude, frequency, phase."""
    interp = interpolation_matrix(np.shape(amplitude)[-1], n_samples)
    a = np.asarray(amplitude, dtype=np.float64) @ interp.T
    phi = exclusive_phase(np.asarray(frequency, dtype=np.float64) @ interp.T, phase)
    d_a = cotangent * np.sin(phi)
    d_phi = cotangent * a * np.cos(phi)
    # omega[m] feeds every phase[n] with n > m: a reversed exclusive cumsum.
    d_omega = np.cumsum(d_phi[..., ::-1], axis=-1)[..., ::-1] - d_phi
    return d_a @ interp, d_omega @ interp, d_phi.sum(axis=-1)


def oscillator_atol(amplitudes, frequencies, n_samples, eps=EPS32):
    """Bound on the rounding error of a float32 sum of oscillators ``(batch, [n_sinusoids,] n_frames)``.

    The phase is a running sum of ``n_samples`` terms whose partial sums never exceed
    ``phi_max = n_samples * max|omega|``; each addition rounds by at most ``eps / 2 * phi_max``,
    so the phase (and sin of it) is off by at most ``n_samples * phi_max * eps / 2`` rad (a worst
    case; real errors are a random walk and far smaller). Upsampling, products and the sum over
    components add a few eps relative: ``20 * eps`` per component, weighted by its peak amplitude.
    """
    amplitudes = np.abs(np.asarray(amplitudes, np.float64))
    frequencies = np.abs(np.asarray(frequencies, np.float64))
    if amplitudes.ndim == 2:
        amplitudes, frequencies = amplitudes[:, None], frequencies[:, None]
    peak = amplitudes.max(axis=-1)                             # (batch, n_sinusoids)
    phi_max = n_samples * frequencies.max(axis=-1)
    per_item = np.sum(peak * (0.5 * n_samples * phi_max + 20.0), axis=-1)
    return float(per_item.max() * eps) + 1e-7
