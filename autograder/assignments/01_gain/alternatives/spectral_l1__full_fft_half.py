"""Full complex FFT, keeping the first n // 2 + 1 bins (the rfft bins)."""


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must match x in shape")
    n_bins = x.shape[-1] // 2 + 1
    x_mag = torch.fft.fft(x, dim=-1)[..., :n_bins].abs()
    y_mag = torch.fft.fft(y, dim=-1)[..., :n_bins].abs()
    return (x_mag.pow(power) - y_mag.pow(power)).abs().mean()
