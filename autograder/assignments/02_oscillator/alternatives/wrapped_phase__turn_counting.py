"""Tracks the phase in turns (cycles) per chunk in float64 and subtracts the whole turns with floor before converting back to radians."""


def wrapped_phase(frequency, phase=None, chunk_size=4096):
    if frequency.dim() != 2:
        raise ValueError("frequency must be (batch, n_samples)")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if phase is not None and list(phase.shape) != [frequency.shape[0]]:
        raise ValueError("phase must be (batch,)")
    tau = 2 * math.pi
    turns = torch.zeros(frequency.shape[0], dtype=torch.float64, device=frequency.device)
    if phase is not None:
        turns = turns + phase.double() / tau
    pieces = []
    for block in torch.split(frequency, chunk_size, dim=-1):
        turns = turns - torch.floor(turns).detach()
        local = (torch.cumsum(block.double(), dim=-1) - block.double()) / tau + turns[:, None]
        fraction = local - torch.floor(local).detach()
        pieces.append((fraction * tau).to(frequency.dtype))
        turns = turns + block.double().sum(dim=-1) / tau
    return torch.cat(pieces, dim=-1)
