"""Norms as square roots of sums of squares."""


def spectral_convergence(x_mag, y_mag):
    if tuple(x_mag.shape) != tuple(y_mag.shape):
        raise ValueError("x_mag and y_mag shapes differ")
    return torch.sqrt(torch.sum((y_mag - x_mag) ** 2)) / torch.sqrt(torch.sum(y_mag ** 2))
