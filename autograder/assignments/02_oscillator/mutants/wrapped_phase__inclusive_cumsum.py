"""Uses the inclusive cumsum inside each chunk, so phase[n] already contains omega[n]."""
CATCHES = ["wrapped_phase_is_the_wrapped_exclusive_phase",
           "wrapped_phase_is_accurate_over_60_s_at_16_khz_in_float32",
           "wrapped_phase_gradients_match_closed_form"]


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
    carry = torch.remainder(phase.double(), two_pi)
    pieces = []
    for chunk in torch.split(frequency, chunk_size, dim=-1):
        local = torch.cumsum(chunk, dim=-1)
        pieces.append(torch.remainder(local + carry.to(frequency.dtype)[:, None], two_pi))
        carry = torch.remainder(carry + chunk.sum(dim=-1, dtype=torch.float64), two_pi)
    return torch.cat(pieces, dim=-1)
