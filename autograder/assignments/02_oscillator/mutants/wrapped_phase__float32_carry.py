"""Chunks the cumsum but hands over a float32 carry taken from the chunk's running sum, so its rounding drifts over hundreds of chunks."""
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
    carry = torch.remainder(phase, two_pi)
    pieces = []
    for chunk in torch.split(frequency, chunk_size, dim=-1):
        running = carry[:, None] + torch.cumsum(chunk, dim=-1)
        pieces.append(torch.remainder(running - chunk, two_pi))
        carry = torch.remainder(running[:, -1], two_pi)
    return torch.cat(pieces, dim=-1)
