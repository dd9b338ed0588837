"""Accumulates the phase at the frame rate (frequency times hop per frame) and interpolates the phase."""
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
    hop = n_samples / frequencies.shape[-1]
    frame_phase = torch.cumsum(frequencies * hop, dim=-1) - frequencies * hop
    phase = upsample(frame_phase, n_samples)
    return torch.sum(upsample(amplitudes, n_samples) * torch.sin(phase), dim=1)
