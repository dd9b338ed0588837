"""The original tutorial's trap: pads to n + L - 1 but calls irfft without n=, which assumes an even
length: one sample short and wrong values whenever n + L - 1 is odd, nothing at all for N = 1."""
CATCHES = [
    "fir_fft_matches_np_convolve",
    "fir_fft_has_no_circular_wrap_around",
    "fir_fft_handles_one_tap",
    "fir_fft_applies_each_items_own_filter",
    "fir_fft_gradients_match_closed_form",
]


def fir_fft(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_fft = x.shape[-1] + h.shape[-1] - 1
    y = torch.fft.irfft(torch.fft.rfft(x, n=n_fft) * torch.fft.rfft(h, n=n_fft))
    return y[..., :x.shape[-1]]
