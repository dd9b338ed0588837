"""Updates the coefficient list with the recurrence b_m = a_m + c1 a_{m-1} + c2 a_{m-2} (Python lists of columns)."""


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
    coefficients = [torch.ones_like(formants_hz[:, 0])]
    for j in range(formants_hz.shape[1]):
        old = coefficients + [torch.zeros_like(c1[:, 0])] * 2
        coefficients = [old[m] + (c1[:, j] * old[m - 1] if m >= 1 else 0) + (c2[:, j] * old[m - 2] if m >= 2 else 0)
                        for m in range(len(old))]
    return torch.stack(coefficients[1:], dim=-1)
