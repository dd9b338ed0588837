"""Windows of the padded signal by unfold, dot product with the flipped taps accumulated in float64,
cast back to the input dtype."""


def fir_conv1d(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_taps = h.shape[-1]
    windows = F.pad(x.double(), (n_taps - 1, 0)).unfold(-1, n_taps, 1)      # (batch, n_samples, n_taps)
    kernel = h.double().flip(-1)
    kernel = kernel[None, None, :] if h.dim() == 1 else kernel[:, None, :]
    return (windows * kernel).sum(dim=-1).to(x.dtype)
