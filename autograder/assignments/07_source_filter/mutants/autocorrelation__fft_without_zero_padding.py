"""irfft(|rfft(x)|^2) with n = n_samples: the FFT's autocorrelation is circular unless the signal is zero-padded."""
CATCHES = ["autocorrelation_matches_numpy_correlate"]


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    spectrum = torch.fft.rfft(x, n=n_samples)
    return torch.fft.irfft(spectrum.real ** 2 + spectrum.imag ** 2, n=n_samples)[:, :max_lag + 1]
