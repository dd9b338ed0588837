"""Uses sigmoid(u2) instead of tanh(u2): stable, but a2 only covers the upper half of its interval and
the values differ."""
CATCHES = [
    'stable_biquad_matches_formula',
    'stable_biquad_gradients_match_closed_form',
    'stable_biquad_keeps_float64',
]


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    a1 = 2 * torch.tanh(raw[..., 0])
    a2 = ((2 - torch.abs(a1)) * torch.sigmoid(raw[..., 1]) + torch.abs(a1)) / 2
    return torch.stack([a1, a2], dim=-1)
