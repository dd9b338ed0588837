"""Sums over dimension 0 (the batch) instead of the sinusoids: same shape when batch == n_sinusoids."""
CATCHES = ["additive_synth_matches_numpy_sum_of_sinusoids",
           "additive_synth_handles_a_batch_of_one",
           "additive_synth_constant_controls_give_sines_from_zero_phase",
           "additive_synth_gradients_match_closed_form",
           "additive_synth_keeps_float64"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = upsample(amplitudes, n_samples)
    omega = upsample(frequencies, n_samples)
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.sum(amplitude * torch.sin(phase), dim=0)
