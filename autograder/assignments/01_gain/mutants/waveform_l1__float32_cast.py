"""Casts both signals to float32 "to be safe": float64 inputs give a float32 loss."""
CATCHES = ["waveform_l1_keeps_float64"]


def waveform_l1(x, y):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    return torch.mean(torch.abs(x.float() - y.float()))
