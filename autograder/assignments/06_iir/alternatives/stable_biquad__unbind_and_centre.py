"""Unbinds the last dimension and writes a2 as its interval's centre plus half-width times tanh(u2)."""


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    u1, u2 = raw.unbind(dim=-1)
    a1 = 2 * torch.tanh(u1)
    half = 1 - a1.abs() / 2
    a2 = a1.abs() / 2 + half * torch.tanh(u2)
    return torch.stack((a1, a2), dim=-1)
