"""padding='same': half of the filter looks into the future (non-causal, centred output)."""
CATCHES = [
    "fir_conv1d_matches_np_convolve",
    "fir_conv1d_applies_each_items_own_filter",
    "fir_conv1d_is_causal_with_zero_initial_state",
    "fir_conv1d_gradients_match_closed_form",
]


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    kernel = h.flip(-1)
    if h.dim() == 1:
        return F.conv1d(x[:, None, :], kernel[None, None, :], padding="same")[:, 0, :]
    return F.conv1d(x[None], kernel[:, None, :], padding="same", groups=x.shape[0])[0]
