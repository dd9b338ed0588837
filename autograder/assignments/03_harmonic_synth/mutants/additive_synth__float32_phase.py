"""Casts the phase to float32 'for speed', so float64 inputs lose precision and come back as float32."""
CATCHES = ["additive_synth_gradients_match_closed_form", "additive_synth_keeps_float64"]


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError("amplitudes must be 3-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = upsample(amplitudes, n_samples).float()
    omega = upsample(frequencies, n_samples).float()
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.sum(amplitude * torch.sin(phase), dim=1)
