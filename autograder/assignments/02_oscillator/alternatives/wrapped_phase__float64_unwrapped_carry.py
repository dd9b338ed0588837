"""Keeps the carry in float64 without wrapping it (float64 is exact enough for 1e5 rad) and wraps only each chunk's output."""


def wrapped_phase(frequency, phase=None, chunk_size=4096):
    if frequency.dim() != 2:
        raise ValueError(f"frequency: need (batch, n_samples), got {list(frequency.shape)}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size: need >= 1, got {chunk_size}")
    batch = frequency.size(0)
    if phase is not None and (phase.dim() != 1 or phase.size(0) != batch):
        raise ValueError(f"phase: need ({batch},), got {list(phase.shape)}")
    total = torch.zeros(batch, dtype=torch.float64, device=frequency.device)
    if phase is not None:
        total = total + phase
    chunks = []
    for block in frequency.split(chunk_size, dim=1):
        start = torch.remainder(total, 2 * math.pi).to(frequency.dtype)
        inclusive = torch.cumsum(block, dim=1)
        chunks.append(torch.remainder(start[:, None] + (inclusive - block), 2 * math.pi))
        total = total + inclusive[:, -1].double()
    return torch.cat(chunks, dim=1)
