"""Independent numpy references shared by several assignments.

Written from the definitions in COURSE_SPEC.md with explicit formulas
(``np.interp``, explicit sums), never from the reference solutions.
"""
import numpy as np


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
