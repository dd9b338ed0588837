"""Detaches the target ("it is only data"), so no gradient reaches y."""
CATCHES = ["waveform_l1_gradients_match_closed_form"]


def waveform_l1(x, y):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    return torch.mean(torch.abs(x - y.detach()))
