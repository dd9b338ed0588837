"""Stacks the two coefficients in a new first dimension: shape (2, ...) instead of (..., 2)."""
CATCHES = [
    'biquad_from_pole_matches_closed_form_with_broadcasting',
    'biquad_from_pole_polynomial_has_the_pole',
    'biquad_from_pole_gradients_match_closed_form',
    'biquad_from_pole_keeps_float64',
]


def biquad_from_pole(radius, angle):
    try:
        shape = torch.broadcast_shapes(radius.shape, angle.shape)
    except RuntimeError as error:
        raise ValueError("radius and angle do not broadcast") from error
    a1 = -2 * radius * torch.cos(angle)
    a2 = (radius ** 2).expand(shape)
    return torch.stack([a1, a2], dim=0)
