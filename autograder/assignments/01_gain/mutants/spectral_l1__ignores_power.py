"""Accepts `power` but never uses it: always compares plain magnitudes."""
CATCHES = ["spectral_l1_raises_magnitudes_to_power", "spectral_l1_gradients_match_closed_form"]


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    x_mag = torch.abs(torch.fft.rfft(x, dim=-1))
    y_mag = torch.abs(torch.fft.rfft(y, dim=-1))
    return torch.mean(torch.abs(x_mag - y_mag))
