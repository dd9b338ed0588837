"""Uses the out-of-place Tensor.masked_fill on the aliasing components."""


def remove_above_nyquist(amplitudes, frequencies):
    if amplitudes.shape != frequencies.shape:
        raise ValueError(f"shape of frequencies {tuple(frequencies.shape)} != shape of amplitudes")
    return amplitudes.masked_fill(frequencies >= math.pi, 0.0)
