"""Does not compare shapes: a (1, bins, frames) target broadcasts silently."""
CATCHES = ['spectral_convergence_rejects_mismatched_shapes']


def spectral_convergence(x_mag, y_mag):
    return torch.linalg.norm(y_mag - x_mag) / torch.linalg.norm(y_mag)
