"""Zero-pads by hand into torch.zeros(batch, N) (default float32): float64 input loses its precision
and dtype."""
CATCHES = [
    "fir_fft_matches_np_convolve",
    "fir_fft_has_no_circular_wrap_around",
    "fir_fft_handles_one_tap",
    "fir_fft_applies_each_items_own_filter",
    "fir_fft_gradients_match_closed_form",
    "fir_fft_keeps_dtype_batch_of_one_and_inputs",
]


def fir_fft(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n = x.shape[-1]
    n_fft = n + h.shape[-1] - 1
    x_padded = torch.zeros(x.shape[0], n_fft)
    x_padded[:, :n] = x
    h_padded = torch.zeros(*h.shape[:-1], n_fft)
    h_padded[..., :h.shape[-1]] = h
    y = torch.fft.irfft(torch.fft.rfft(x_padded) * torch.fft.rfft(h_padded), n=n_fft)
    return y[..., :n]
