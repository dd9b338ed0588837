"""Clones the amplitudes and writes zeros into the copy (indexing assignment on a copy keeps the graph)."""


def remove_above_nyquist(amplitudes, frequencies):
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies has the wrong shape")
    out = amplitudes.clone()
    out[frequencies >= torch.pi] = 0
    return out
