"""Adds the channel dimension with x.unsqueeze_(1): the caller's x changes shape (and a leaf that
requires grad refuses the in-place change)."""
CATCHES = ['fir_conv1d_gradients_match_closed_form', 'fir_conv1d_keeps_dtype_batch_of_one_and_inputs']


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_taps = h.shape[-1]
    x.unsqueeze_(1)
    padded = F.pad(x, (n_taps - 1, 0))
    kernel = h.flip(-1)
    if h.dim() == 1:
        return F.conv1d(padded, kernel[None, None, :])[:, 0, :]
    return F.conv1d(padded.transpose(0, 1), kernel[:, None, :], groups=x.shape[0])[0]
