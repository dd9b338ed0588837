"""Fills a phase buffer made with torch.zeros(batch, n_samples), whose default float32 dtype rounds float64 phases (default phase left as float32 zeros too)."""
CATCHES = ["sinusoid_with_constant_controls_is_a_sampled_sine", "sinusoid_gradients_match_closed_form"]


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError(f"amplitude must be (batch, n_frames), got {tuple(amplitude.shape)}")
    if frequency.shape != amplitude.shape:
        raise ValueError(f"frequency must match amplitude {tuple(amplitude.shape)}, got {tuple(frequency.shape)}")
    batch = amplitude.shape[0]
    if phase is None:
        phase = torch.zeros(batch)
    elif phase.shape != (batch,):
        raise ValueError(f"phase must have shape ({batch},), got {tuple(phase.shape)}")
    a = upsample(amplitude, n_samples)
    omega = upsample(frequency, n_samples)
    total = torch.zeros(batch, n_samples)
    total[:, 0] = phase
    total[:, 1:] = phase[:, None] + torch.cumsum(omega, dim=-1)[:, :-1]
    return a * torch.sin(total)
