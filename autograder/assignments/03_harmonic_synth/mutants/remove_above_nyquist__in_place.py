"""Writes zeros into the caller's amplitudes tensor (amplitudes[mask] = 0) and returns it."""
CATCHES = ["remove_above_nyquist_does_not_modify_inputs",
           "remove_above_nyquist_gradient_passes_only_kept_components"]


def remove_above_nyquist(amplitudes, frequencies):
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have the shape of amplitudes")
    amplitudes[frequencies >= math.pi] = 0.0
    return amplitudes
