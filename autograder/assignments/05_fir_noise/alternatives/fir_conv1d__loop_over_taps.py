"""Sums n_taps shifted, scaled copies of x (a Python loop over taps), no conv1d."""


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_samples, n_taps = x.shape[-1], h.shape[-1]
    taps = h if h.dim() == 2 else h.expand(x.shape[0], n_taps)
    padded = torch.cat([x.new_zeros(x.shape[0], n_taps - 1), x], dim=-1)
    y = x.new_zeros(x.shape)
    for m in range(n_taps):
        start = n_taps - 1 - m
        y = y + taps[:, m:m + 1] * padded[:, start:start + n_samples]
    return y
