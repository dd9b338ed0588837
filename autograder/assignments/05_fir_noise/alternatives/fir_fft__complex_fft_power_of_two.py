"""Full complex FFT padded to the next power of two >= n + L - 1, real part of the inverse."""


def fir_fft(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_samples = x.shape[-1]
    n_fft = 1 << (n_samples + h.shape[-1] - 2).bit_length()
    y = torch.fft.ifft(torch.fft.fft(x, n=n_fft) * torch.fft.fft(h, n=n_fft)).real
    return y[..., :n_samples]
