"""Uses the sample rate (2 pi rad/sample) as the limit instead of half of it."""
CATCHES = ["remove_above_nyquist_zeroes_components_at_or_above_pi",
           "remove_above_nyquist_treats_exactly_pi_as_aliased",
           "remove_above_nyquist_gradient_passes_only_kept_components"]


def remove_above_nyquist(amplitudes, frequencies):
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    return torch.where(frequencies < 2 * math.pi, amplitudes, torch.zeros_like(amplitudes))
