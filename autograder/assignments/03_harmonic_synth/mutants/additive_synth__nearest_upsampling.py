"""Holds every frame for n_samples / n_frames samples (nearest-neighbour upsampling) instead of interpolating."""
CATCHES = ["additive_synth_matches_numpy_sum_of_sinusoids", "additive_synth_gradients_match_closed_form"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = F.interpolate(amplitudes, size=n_samples, mode="nearest")
    omega = F.interpolate(frequencies, size=n_samples, mode="nearest")
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.sum(amplitude * torch.sin(phase), dim=1)
