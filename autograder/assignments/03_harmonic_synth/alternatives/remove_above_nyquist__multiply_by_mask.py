"""Multiplies by a 0/1 mask of the input's dtype instead of using torch.where."""


def remove_above_nyquist(amplitudes, frequencies):
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must match the shape of amplitudes")
    return amplitudes * (frequencies < math.pi).to(amplitudes.dtype)
