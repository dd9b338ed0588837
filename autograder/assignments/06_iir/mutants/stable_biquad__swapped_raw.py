"""Takes u1 from raw[..., 1] and u2 from raw[..., 0]."""
CATCHES = [
    'stable_biquad_matches_formula',
    'stable_biquad_gradients_match_closed_form',
    'stable_biquad_keeps_float64',
]


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    a1 = 2 * torch.tanh(raw[..., 1])
    a2 = ((2 - torch.abs(a1)) * torch.tanh(raw[..., 0]) + torch.abs(a1)) / 2
    return torch.stack([a1, a2], dim=-1)
