"""Takes |a1| with torch.where and computes in float64 before casting back."""


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    u = raw.double()
    a1 = 2 * torch.tanh(u[..., 0])
    magnitude = torch.where(a1 >= 0, a1, -a1)
    a2 = 0.5 * ((2.0 - magnitude) * torch.tanh(u[..., 1]) + magnitude)
    return torch.stack([a1, a2], dim=-1).to(raw.dtype)
