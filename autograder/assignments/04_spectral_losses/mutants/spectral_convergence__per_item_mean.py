"""Computes one ratio per batch item and averages them, instead of one ratio over the whole tensor."""
CATCHES = ['spectral_convergence_matches_numpy_reference', 'spectral_convergence_gradients_match_closed_form']


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.mean(torch.linalg.norm((y_mag - x_mag).flatten(1), dim=1) / torch.linalg.norm(y_mag.flatten(1), dim=1))
