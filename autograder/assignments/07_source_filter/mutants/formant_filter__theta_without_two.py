"""Uses theta = pi F / sample_rate (half the angle), as if F were measured against the Nyquist frequency in turns."""
CATCHES = ["formant_filter_matches_polymul_of_resonators",
           "formant_filter_gradients_match_finite_differences"]


def formant_filter(formants_hz, bandwidths_hz, sample_rate):
    if formants_hz.dim() != 2:
        raise ValueError(f"formants_hz must be (batch, n_formants), got shape {tuple(formants_hz.shape)}")
    if bandwidths_hz.shape != formants_hz.shape:
        raise ValueError(f"bandwidths_hz must have the shape of formants_hz {tuple(formants_hz.shape)}, "
                         f"got {tuple(bandwidths_hz.shape)}")
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    radius = torch.exp(-math.pi * bandwidths_hz / sample_rate)
    theta = math.pi * formants_hz / sample_rate
    c1, c2 = -2 * radius * torch.cos(theta), radius ** 2
    poly = torch.ones_like(formants_hz[:, :1])      # the polynomial 1
    for j in range(formants_hz.shape[1]):
        zero = torch.zeros_like(poly[:, :1])
        # poly * (1 + c1 z^-1 + c2 z^-2): three shifted copies of poly, added.
        poly = (torch.cat([poly, zero, zero], dim=-1)
                + c1[:, j:j + 1] * torch.cat([zero, poly, zero], dim=-1)
                + c2[:, j:j + 1] * torch.cat([zero, zero, poly], dim=-1))
    return poly[:, 1:]
