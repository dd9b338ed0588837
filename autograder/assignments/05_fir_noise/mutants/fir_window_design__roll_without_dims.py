"""The original tutorial's trap: torch.roll without dims flattens the batch, so each filter's end
slides into the next filter's start."""
CATCHES = [
    "fir_window_design_matches_cosine_sum",
    "fir_window_design_keeps_leading_dimensions_apart",
    "fir_window_design_gradient_matches_closed_form",
    "fir_window_design_keeps_dtype_batch_of_one_and_inputs",
]


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = torch.roll(torch.fft.irfft(magnitudes, n=n_taps), n_taps // 2)
    return h * torch.hann_window(n_taps, dtype=h.dtype, device=h.device)
