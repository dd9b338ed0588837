"""Wiener-Khinchin with zero padding to at least 2 n_samples - 1: linear, not circular."""


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    n_fft = 2 * n_samples
    spectrum = torch.fft.rfft(x, n=n_fft)
    return torch.fft.irfft(spectrum.real ** 2 + spectrum.imag ** 2, n=n_fft)[:, :max_lag + 1]
