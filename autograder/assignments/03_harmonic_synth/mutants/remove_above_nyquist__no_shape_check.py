"""Lets torch.where broadcast frequencies of another shape against the amplitudes."""
CATCHES = ["remove_above_nyquist_rejects_mismatched_shapes"]


def remove_above_nyquist(amplitudes, frequencies):
    return torch.where(frequencies < math.pi, amplitudes, torch.zeros_like(amplitudes))
