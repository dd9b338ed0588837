"""Takes norms over frequency only and averages the per-frame ratios."""
CATCHES = ['spectral_convergence_matches_numpy_reference', 'spectral_convergence_gradients_match_closed_form']


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.mean(torch.linalg.norm(y_mag - x_mag, dim=-2) / torch.linalg.norm(y_mag, dim=-2))
