"""Treats the target norm as a constant (detached): no gradient flows through the denominator."""
CATCHES = ['spectral_convergence_gradients_match_closed_form']


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.linalg.norm(y_mag - x_mag) / torch.linalg.norm(y_mag).detach()
