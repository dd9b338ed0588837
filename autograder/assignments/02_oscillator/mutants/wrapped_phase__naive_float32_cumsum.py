"""Ignores chunk_size and wraps one float32 cumsum over the whole signal, whose rounding near 1e5 rad exceeds 1e-3 rad after a minute."""
CATCHES = ["wrapped_phase_is_accurate_over_60_s_at_16_khz_in_float32"]


def wrapped_phase(frequency, phase=None, chunk_size=4096):
    if frequency.dim() != 2:
        raise ValueError(f"frequency must be (batch, n_samples), got {tuple(frequency.shape)}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    batch = frequency.shape[0]
    if phase is None:
        phase = torch.zeros(batch, dtype=frequency.dtype, device=frequency.device)
    elif phase.shape != (batch,):
        raise ValueError(f"phase must have shape ({batch},), got {tuple(phase.shape)}")
    two_pi = 2 * math.pi
    unwrapped = phase[:, None] + torch.cumsum(frequency, dim=-1) - frequency
    return torch.remainder(unwrapped, two_pi)
