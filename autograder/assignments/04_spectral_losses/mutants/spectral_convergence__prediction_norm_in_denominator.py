"""Normalises by the norm of the prediction x_mag instead of the target y_mag."""
CATCHES = ['spectral_convergence_matches_numpy_reference',
           'spectral_convergence_gradients_match_closed_form',
           'spectral_convergence_normalises_by_the_target']


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.linalg.norm(y_mag - x_mag) / torch.linalg.norm(x_mag)
