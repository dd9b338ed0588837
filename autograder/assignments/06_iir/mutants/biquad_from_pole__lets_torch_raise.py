"""Relies on broadcasting: shapes that do not broadcast raise torch's RuntimeError, not a ValueError."""
CATCHES = [
    'biquad_from_pole_rejects_shapes_that_do_not_broadcast',
]


def biquad_from_pole(radius, angle):
    radius, angle = torch.broadcast_tensors(radius, angle)
    return torch.stack([-2 * radius * torch.cos(angle), radius ** 2], dim=-1)
