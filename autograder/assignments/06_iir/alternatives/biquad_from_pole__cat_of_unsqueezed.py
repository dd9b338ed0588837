"""Broadcasts explicitly with expand and concatenates two unsqueezed columns."""


def biquad_from_pole(radius, angle):
    try:
        shape = torch.broadcast_shapes(radius.shape, angle.shape)
    except RuntimeError as error:
        raise ValueError("radius and angle do not broadcast") from error
    radius, angle = radius.expand(shape), angle.expand(shape)
    return torch.cat([(-2 * radius * torch.cos(angle)).unsqueeze(-1), (radius * radius).unsqueeze(-1)], dim=-1)
