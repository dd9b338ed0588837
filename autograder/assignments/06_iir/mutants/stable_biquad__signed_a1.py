"""Uses a1 instead of |a1| in a2: for negative a1 the interval slides below the triangle."""
CATCHES = [
    'stable_biquad_matches_formula',
    'stable_biquad_gradients_match_closed_form',
    'stable_biquad_keeps_float64',
    'stable_biquad_lands_inside_the_stability_triangle',
]


def stable_biquad(raw):
    if raw.dim() < 1 or raw.shape[-1] != 2:
        raise ValueError(f"raw must be (..., 2), got {tuple(raw.shape)}")
    a1 = 2 * torch.tanh(raw[..., 0])
    a2 = ((2 - a1) * torch.tanh(raw[..., 1]) + a1) / 2
    return torch.stack([a1, a2], dim=-1)
