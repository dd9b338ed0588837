"""Builds the pole p = r e^{i angle} with torch.polar: a1 = -2 Re(p), a2 = |p|**2."""


def biquad_from_pole(radius, angle):
    try:
        shape = torch.broadcast_shapes(radius.shape, angle.shape)
    except RuntimeError as error:
        raise ValueError("radius and angle do not broadcast") from error
    radius, angle = torch.broadcast_tensors(radius, angle)
    pole = torch.polar(radius, angle)
    return torch.stack([-2 * pole.real, pole.real ** 2 + pole.imag ** 2], dim=-1)
