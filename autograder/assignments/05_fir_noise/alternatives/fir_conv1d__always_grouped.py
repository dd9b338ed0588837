"""Expands a shared filter to one per item and always uses one grouped conv1d call."""


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    batch, n_taps = x.shape[0], h.shape[-1]
    kernel = h.expand(batch, n_taps) if h.dim() == 1 else h
    out = F.conv1d(F.pad(x, (n_taps - 1, 0)).unsqueeze(0), kernel.flip(-1).unsqueeze(1), groups=batch)
    return out.squeeze(0)
