"""The original tutorial's filter bank: the resonators' denominators are added (over the formant axis) instead of multiplied, then scaled back to a leading 1; the poles are no longer the formants."""
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
    theta = 2 * math.pi * formants_hz / sample_rate
    c1, c2 = -2 * radius * torch.cos(theta), radius ** 2
    n_formants = formants_hz.shape[1]
    ones = torch.ones_like(c1)
    per_formant = torch.stack([ones, c1, c2], dim=-1)            # (batch, n_formants, 3)
    summed = F.pad(per_formant, (0, 2 * n_formants - 2)).sum(dim=1)
    return summed[:, 1:] / summed[:, :1]
