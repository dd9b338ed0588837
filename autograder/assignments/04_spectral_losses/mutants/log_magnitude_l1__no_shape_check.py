"""Does not compare shapes: a (1, bins, frames) target broadcasts."""
CATCHES = ['log_magnitude_l1_rejects_mismatched_shapes']


def log_magnitude_l1(x_mag, y_mag):
    return torch.mean(torch.abs(torch.log(y_mag) - torch.log(x_mag)))
