"""Uses the base-10 logarithm instead of the natural log."""
CATCHES = ['log_magnitude_l1_matches_numpy_reference', 'log_magnitude_l1_gradients_match_closed_form']


def log_magnitude_l1(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.mean(torch.abs(torch.log10(y_mag) - torch.log10(x_mag)))
