"""Sums over the elements instead of averaging."""
CATCHES = ['linear_magnitude_l1_matches_numpy_reference', 'linear_magnitude_l1_gradients_match_closed_form']


def linear_magnitude_l1(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"x_mag {tuple(x_mag.shape)} and y_mag {tuple(y_mag.shape)} differ")
    return torch.sum(torch.abs(y_mag - x_mag))
