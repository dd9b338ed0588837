"""Does not compare shapes: a (1, bins, frames) target broadcasts."""
CATCHES = ['linear_magnitude_l1_rejects_mismatched_shapes']


def linear_magnitude_l1(x_mag, y_mag):
    return torch.mean(torch.abs(y_mag - x_mag))
