"""Raises ValueError when n_taps > n_samples, which the contract allows."""
CATCHES = ['fir_conv1d_matches_np_convolve']


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    if h.shape[-1] > x.shape[-1]:
        raise ValueError("h must not be longer than x")
    padded = F.pad(x, (h.shape[-1] - 1, 0))
    kernel = h.flip(-1)
    if h.dim() == 1:
        return F.conv1d(padded[:, None, :], kernel[None, None, :])[:, 0, :]
    return F.conv1d(padded[None], kernel[:, None, :], groups=x.shape[0])[0]
