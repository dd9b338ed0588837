"""Designs 2K - 1 taps (an odd length 'so that there is a centre tap') instead of 2 (K - 1)."""
CATCHES = [
    "fir_window_design_matches_cosine_sum",
    "fir_window_design_flat_magnitudes_give_a_centred_impulse",
    "fir_window_design_gradient_matches_closed_form",
]


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * magnitudes.shape[-1] - 1
    h = torch.roll(torch.fft.irfft(magnitudes, n=n_taps), n_taps // 2, dims=-1)
    return h * torch.hann_window(n_taps, dtype=h.dtype, device=h.device)
