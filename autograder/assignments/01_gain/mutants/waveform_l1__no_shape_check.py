"""No shape check: a (1, N) target silently broadcasts against a (2, N) prediction."""
CATCHES = ["waveform_l1_rejects_mismatched_shapes"]


def waveform_l1(x, y):
    return torch.mean(torch.abs(x - y))
