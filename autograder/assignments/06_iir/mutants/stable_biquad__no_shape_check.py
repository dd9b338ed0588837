"""Does not check the last dimension: (4, 3) uses its first two columns, (5,) its first two entries as
scalars."""
CATCHES = [
    'stable_biquad_rejects_bad_raw',
]


def stable_biquad(raw):
    a1 = 2 * torch.tanh(raw[..., 0])
    a2 = ((2 - torch.abs(a1)) * torch.tanh(raw[..., 1]) + torch.abs(a1)) / 2
    return torch.stack([a1, a2], dim=-1)
