"""Detaches the phase (to 'save memory'): the frequencies no longer receive any gradient."""
CATCHES = ["additive_synth_gradients_match_closed_form"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = upsample(amplitudes, n_samples)
    omega = upsample(frequencies, n_samples)
    phase = (torch.cumsum(omega, dim=-1) - omega).detach()
    return torch.sum(amplitude * torch.sin(phase), dim=1)
