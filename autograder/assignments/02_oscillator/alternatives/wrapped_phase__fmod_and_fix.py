"""Wraps with torch.fmod and then adds 2 pi where the result is negative; the carry between chunks is float64."""


def _wrap(x):
    r = torch.fmod(x, 2 * math.pi)
    return torch.where(r < 0, r + 2 * math.pi, r)


def wrapped_phase(frequency, phase=None, chunk_size=4096):
    if frequency.dim() != 2:
        raise ValueError("frequency should be a (batch, n_samples) tensor")
    if int(chunk_size) < 1:
        raise ValueError("chunk_size should be a positive integer")
    b, n = frequency.shape
    if phase is None:
        carry = torch.zeros(b, dtype=torch.float64, device=frequency.device)
    elif tuple(phase.shape) != (b,):
        raise ValueError(f"phase should have {b} entries, one per batch item")
    else:
        carry = _wrap(phase.to(torch.float64))
    out = []
    for start in range(0, n, chunk_size):
        block = frequency[:, start:start + chunk_size]
        before = F.pad(torch.cumsum(block, dim=-1)[:, :-1], (1, 0))
        out.append(_wrap(before + carry[:, None].to(block.dtype)))
        carry = _wrap(carry + block.to(torch.float64).sum(dim=-1))
    return torch.cat(out, dim=-1)
