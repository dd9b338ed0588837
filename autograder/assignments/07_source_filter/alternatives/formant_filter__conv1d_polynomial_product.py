"""Multiplies the polynomials with a grouped conv1d (convolution of coefficient sequences)."""


def formant_filter(formants_hz, bandwidths_hz, sample_rate):
    if formants_hz.dim() != 2:
        raise ValueError(f"formants_hz must be (batch, n_formants), got shape {tuple(formants_hz.shape)}")
    if bandwidths_hz.shape != formants_hz.shape:
        raise ValueError(f"bandwidths_hz must have the shape of formants_hz {tuple(formants_hz.shape)}, "
                         f"got {tuple(bandwidths_hz.shape)}")
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    radius = torch.exp(-math.pi * bandwidths_hz / sample_rate)
    theta = 2 * math.pi * formants_hz / sample_rate
    c1, c2 = -2 * radius * torch.cos(theta), radius ** 2
    batch = formants_hz.shape[0]
    poly = torch.ones_like(formants_hz[:, :1])
    for j in range(formants_hz.shape[1]):
        resonator = torch.stack([torch.ones_like(c1[:, j]), c1[:, j], c2[:, j]], dim=-1)      # (batch, 3)
        padded = F.pad(poly, (2, 2))[None]                                                    # (1, batch, L + 4)
        poly = F.conv1d(padded, resonator.flip(-1)[:, None, :], groups=batch)[0]              # full convolution
    return poly[:, 1:]
