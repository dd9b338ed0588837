"""Applies the mask in numpy and wraps the result in a new tensor, which cuts the graph."""
CATCHES = ["remove_above_nyquist_gradient_passes_only_kept_components"]


def remove_above_nyquist(amplitudes, frequencies):
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    kept = np.where(frequencies.detach().numpy() < math.pi, amplitudes.detach().numpy(), 0.0)
    return torch.from_numpy(kept).to(amplitudes.dtype)
