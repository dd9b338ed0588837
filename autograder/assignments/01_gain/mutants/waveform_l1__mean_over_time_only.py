"""Averages over time only and returns one loss per batch item, shape (batch,), not a 0-d tensor."""
CATCHES = ["waveform_l1_matches_numpy_for_one_signal",
           "waveform_l1_matches_numpy_for_a_batch",
           "waveform_l1_gradients_match_closed_form",
           "waveform_l1_keeps_float64"]


def waveform_l1(x, y):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    return torch.mean(torch.abs(x - y), dim=-1)
