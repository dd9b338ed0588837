"""Leaves r**2 in the shape of radius, so stacking fails whenever angle has more elements."""
CATCHES = [
    'biquad_from_pole_matches_closed_form_with_broadcasting',
    'biquad_from_pole_gradients_match_closed_form',
]


def biquad_from_pole(radius, angle):
    a1 = -2 * radius * torch.cos(angle)
    a2 = radius ** 2
    return torch.stack([a1, a2], dim=-1)
