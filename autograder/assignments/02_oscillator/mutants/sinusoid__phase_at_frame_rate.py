"""Accumulates the phase at frame rate (cumsum of frequency times the hop) and upsamples that phase, instead of upsampling the frequency and accumulating per sample."""
CATCHES = ["sinusoid_matches_numpy_reference",
           "sinusoid_with_constant_controls_is_a_sampled_sine",
           "sinusoid_gradients_match_closed_form"]


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError(f"amplitude must be (batch, n_frames), got {tuple(amplitude.shape)}")
    if frequency.shape != amplitude.shape:
        raise ValueError(f"frequency must match amplitude {tuple(amplitude.shape)}, got {tuple(frequency.shape)}")
    if phase is None:
        phase = torch.zeros(amplitude.shape[0], dtype=amplitude.dtype, device=amplitude.device)
    elif phase.shape != (amplitude.shape[0],):
        raise ValueError(f"phase must have shape ({amplitude.shape[0]},), got {tuple(phase.shape)}")
    a = upsample(amplitude, n_samples)
    hop = n_samples / amplitude.shape[-1]
    frame_phase = (torch.cumsum(frequency, dim=-1) - frequency) * hop
    return a * torch.sin(phase[:, None] + upsample(frame_phase, n_samples))
