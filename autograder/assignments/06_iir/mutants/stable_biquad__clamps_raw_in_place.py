"""Clamps raw to [-10, 10] in place under no_grad 'to avoid saturation': the caller's tensor changes."""
CATCHES = [
    'stable_biquad_does_not_modify_raw',
]


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    with torch.no_grad():
        raw.clamp_(-10.0, 10.0)

    a1 = 2 * torch.tanh(raw[..., 0])
    a2 = ((2 - torch.abs(a1)) * torch.tanh(raw[..., 1]) + torch.abs(a1)) / 2
    return torch.stack([a1, a2], dim=-1)
