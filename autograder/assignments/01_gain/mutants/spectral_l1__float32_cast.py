"""Casts both signals to float32 before the FFT: float64 inputs give a float32 loss."""
CATCHES = ["spectral_l1_gradients_match_closed_form", "spectral_l1_keeps_float64"]


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    x_mag = torch.abs(torch.fft.rfft(x.float(), dim=-1))
    y_mag = torch.abs(torch.fft.rfft(y.float(), dim=-1))
    return torch.mean(torch.abs(x_mag ** power - y_mag ** power))
