"""Computes the spectra in float64 (complex128) and casts the loss back to the input's dtype."""


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError(f"y has shape {tuple(y.shape)}, expected {tuple(x.shape)}")
    x_mag = torch.fft.rfft(x.to(torch.float64), dim=x.dim() - 1).abs()
    y_mag = torch.fft.rfft(y.to(torch.float64), dim=y.dim() - 1).abs()
    return torch.mean(torch.abs(torch.pow(x_mag, power) - torch.pow(y_mag, power))).to(x.dtype)
