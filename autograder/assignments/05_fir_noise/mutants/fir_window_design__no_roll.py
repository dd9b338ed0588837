"""Windows the zero-phase response without shifting it: the Hann window removes its centre."""
CATCHES = [
    "fir_window_design_matches_cosine_sum",
    "fir_window_design_flat_magnitudes_give_a_centred_impulse",
    "fir_window_design_gradient_matches_closed_form",
]


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = torch.fft.irfft(magnitudes, n=n_taps)
    return h * torch.hann_window(n_taps, dtype=h.dtype, device=h.device)
