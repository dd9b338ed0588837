"""Uses the symmetric Hann window (periodic=False): not centred on n_taps // 2, and below 1 there."""
CATCHES = [
    "fir_window_design_matches_cosine_sum",
    "fir_window_design_flat_magnitudes_give_a_centred_impulse",
    "fir_window_design_gradient_matches_closed_form",
]


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = torch.roll(torch.fft.irfft(magnitudes, n=n_taps), n_taps // 2, dims=-1)
    return h * torch.hann_window(n_taps, periodic=False, dtype=h.dtype, device=h.device)
