"""Computes the loss in NumPy and wraps the number in a new tensor: no gradient reaches x or y."""
CATCHES = ["waveform_l1_gradients_match_closed_form"]


def waveform_l1(x, y):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    return torch.tensor(np.mean(np.abs(x.detach().numpy() - y.detach().numpy())))
