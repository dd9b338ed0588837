"""Wraps the frequencies to [0, 2 pi) in place, which writes into the caller's tensor."""
CATCHES = ["additive_synth_matches_numpy_sum_of_sinusoids",
           "additive_synth_gradients_match_closed_form",
           "additive_synth_does_not_modify_inputs"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    frequencies.remainder_(2 * math.pi)
    amplitude = upsample(amplitudes, n_samples)
    omega = upsample(frequencies, n_samples)
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.sum(amplitude * torch.sin(phase), dim=1)
