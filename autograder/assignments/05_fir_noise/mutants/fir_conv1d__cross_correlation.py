"""Passes h to F.conv1d as it is: conv1d correlates, so the impulse response comes out reversed."""
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
    padded = F.pad(x, (h.shape[-1] - 1, 0))
    if h.dim() == 1:
        return F.conv1d(padded[:, None, :], h[None, None, :])[:, 0, :]
    return F.conv1d(padded[None], h[:, None, :], groups=x.shape[0])[0]
