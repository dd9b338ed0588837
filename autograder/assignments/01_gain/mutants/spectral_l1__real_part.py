"""Uses the absolute real part of each bin instead of its magnitude (drops the imaginary part)."""
CATCHES = ["spectral_l1_matches_numpy_for_one_signal",
           "spectral_l1_matches_numpy_for_a_batch",
           "spectral_l1_raises_magnitudes_to_power",
           "spectral_l1_is_zero_for_a_circular_shift",
           "spectral_l1_gradients_match_closed_form"]


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    x_mag = torch.abs(torch.fft.rfft(x, dim=-1).real)
    y_mag = torch.abs(torch.fft.rfft(y, dim=-1).real)
    return torch.mean(torch.abs(x_mag ** power - y_mag ** power))
