"""Linear convolution by FFT (length >= n + p), first n samples kept."""


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    n_samples, p = s.shape[-1], coefficients.shape[-1]
    n_fft = n_samples + p
    fir = F.pad(coefficients, (1, 0), value=1.0)
    out = torch.fft.irfft(torch.fft.rfft(s, n=n_fft) * torch.fft.rfft(fir, n=n_fft), n=n_fft)
    return out[:, :n_samples]
