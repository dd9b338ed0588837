"""Takes the magnitude of the complex difference |X - Y| instead of the difference of magnitudes.

It compares complex spectra, phases included: by Parseval, with power=2 it is (up to the
weighting of the bins) the squared waveform error again, and it is not blind to phase.
"""
CATCHES = ["spectral_l1_matches_numpy_for_one_signal",
           "spectral_l1_matches_numpy_for_a_batch",
           "spectral_l1_raises_magnitudes_to_power",
           "spectral_l1_is_zero_for_a_circular_shift",
           "spectral_l1_gradients_match_closed_form"]


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")
    difference = torch.fft.rfft(x, dim=-1) - torch.fft.rfft(y, dim=-1)
    return torch.mean(torch.abs(difference) ** power)
