"""Multiplies by the window before the roll: the window's zero lands on the zero-phase peak."""
CATCHES = [
    "fir_window_design_matches_cosine_sum",
    "fir_window_design_flat_magnitudes_give_a_centred_impulse",
    "fir_window_design_gradient_matches_closed_form",
]


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = torch.fft.irfft(magnitudes, n=n_taps) * torch.hann_window(n_taps, dtype=magnitudes.dtype,
                                                                 device=magnitudes.device)
    return torch.roll(h, n_taps // 2, dims=-1)
