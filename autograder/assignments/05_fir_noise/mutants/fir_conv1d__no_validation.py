"""Checks nothing: a filter without taps, a 1-D x or a batch mismatch fail deep inside conv1d or
broadcast."""
CATCHES = ['fir_conv1d_rejects_bad_arguments']


def fir_conv1d(x, h):
    padded = F.pad(x, (h.shape[-1] - 1, 0))
    kernel = h.flip(-1)
    if h.dim() == 1:
        return F.conv1d(padded[:, None, :], kernel[None, None, :])[:, 0, :]
    return F.conv1d(padded[None], kernel[:, None, :], groups=h.shape[0])[0]
