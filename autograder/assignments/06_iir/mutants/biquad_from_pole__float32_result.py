"""Casts the result to float32 ('coefficients are float32')."""
CATCHES = [
    'biquad_from_pole_keeps_float64',
    'biquad_from_pole_gradients_match_closed_form',
]


def biquad_from_pole(radius, angle):
    try:
        shape = torch.broadcast_shapes(radius.shape, angle.shape)
    except RuntimeError as error:
        raise ValueError("radius and angle do not broadcast") from error
    a1 = -2 * radius * torch.cos(angle)
    a2 = (radius ** 2).expand(shape)
    return torch.stack([a1, a2], dim=-1).float()
