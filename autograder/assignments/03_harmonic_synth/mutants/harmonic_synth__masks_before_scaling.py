"""Removes the aliasing harmonics from the raw values and scales afterwards: scale_function(0) is not 0,
so the removed harmonics come back."""
CATCHES = ["harmonic_synth_matches_numpy_pipeline",
           "harmonic_synth_gradients_match_closed_form",
           "harmonic_synth_is_silent_and_finite_when_every_harmonic_is_aliased"]


def harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if global_amplitude.shape != f0.shape:
        raise ValueError("global_amplitude must have the shape of f0")
    if (harmonic_amplitudes.dim() != 3 or harmonic_amplitudes.shape[0] != f0.shape[0]
            or harmonic_amplitudes.shape[2] != f0.shape[1]):
        raise ValueError("harmonic_amplitudes must be (batch, n_harmonics, n_frames) matching f0")
    frequencies = harmonic_frequencies(f0, harmonic_amplitudes.shape[1])
    loudness = scale_function(global_amplitude)
    harmonics = scale_function(remove_above_nyquist(harmonic_amplitudes, frequencies))
    total = harmonics.sum(dim=1, keepdim=True)
    distribution = harmonics / torch.where(total > 0, total, torch.ones_like(total))
    return additive_synth(loudness[:, None, :] * distribution, frequencies, n_samples)
