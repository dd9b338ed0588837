"""Uses sums of absolute values (L1) instead of Frobenius norms."""
CATCHES = ['spectral_convergence_matches_numpy_reference', 'spectral_convergence_gradients_match_closed_form']


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.sum(torch.abs(y_mag - x_mag)) / torch.sum(torch.abs(y_mag))
