"""Takes the inclusive cumulative sum as the phase: the first sample is already at phase omega[0], not 0."""
CATCHES = ["additive_synth_matches_numpy_sum_of_sinusoids",
           "additive_synth_constant_controls_give_sines_from_zero_phase",
           "additive_synth_gradients_match_closed_form"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = upsample(amplitudes, n_samples)
    phase = torch.cumsum(upsample(frequencies, n_samples), dim=-1)
    return torch.sum(amplitude * torch.sin(phase), dim=1)
