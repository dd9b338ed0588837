"""Normalises with a softmax over the masked, scaled amplitudes: removed harmonics get exp(0) / Z, not 0."""
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
    harmonics = remove_above_nyquist(scale_function(harmonic_amplitudes), frequencies)
    distribution = torch.softmax(harmonics, dim=1)
    return additive_synth(loudness[:, None, :] * distribution, frequencies, n_samples)
