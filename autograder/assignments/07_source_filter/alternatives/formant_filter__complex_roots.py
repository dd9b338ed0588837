"""Builds A(z) from its complex-conjugate roots r exp(+-i theta) one first-order factor at a time, in complex arithmetic, and keeps the real part."""


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
    pole = torch.polar(radius, theta)                               # (batch, n_formants), complex
    poly = torch.ones_like(pole[:, :1])
    for p in torch.cat([pole, pole.conj()], dim=-1).unbind(dim=-1):
        zero = torch.zeros_like(poly[:, :1])
        poly = torch.cat([poly, zero], dim=-1) - p[:, None] * torch.cat([zero, poly], dim=-1)
    return poly.real[:, 1:]
