"""Checks none of its arguments; mismatched amplitudes broadcast or fail deep inside with a RuntimeError."""
CATCHES = ["harmonic_synth_rejects_bad_arguments"]


def harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    frequencies = harmonic_frequencies(f0, harmonic_amplitudes.shape[-2])
    loudness = scale_function(global_amplitude)
    harmonics = remove_above_nyquist(scale_function(harmonic_amplitudes), frequencies.expand_as(harmonic_amplitudes))
    total = harmonics.sum(dim=-2, keepdim=True)
    distribution = harmonics / torch.where(total > 0, total, torch.ones_like(total))
    amplitudes = loudness.unsqueeze(-2) * distribution
    return additive_synth(amplitudes, frequencies.expand_as(amplitudes), n_samples)
