"""Checks only the number of samples, so a (1, N) target broadcasts against a (2, N) prediction."""
CATCHES = ["spectral_l1_rejects_mismatched_shapes"]


def spectral_l1(x, y, power=1.0):
    if x.shape[-1] != y.shape[-1]:
        raise ValueError("y must have as many samples as x")
    x_mag = torch.abs(torch.fft.rfft(x, dim=-1))
    y_mag = torch.abs(torch.fft.rfft(y, dim=-1))
    return torch.mean(torch.abs(x_mag ** power - y_mag ** power))
