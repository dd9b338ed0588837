"""Numbers the harmonics 0 .. n_harmonics - 1, so the first "harmonic" is DC and the top one is missing."""
CATCHES = ["harmonic_frequencies_are_integer_multiples_of_f0",
           "harmonic_frequencies_gradient_is_weighted_sum"]


def harmonic_frequencies(f0, n_harmonics):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(n_harmonics, dtype=f0.dtype, device=f0.device)
    return f0[:, None, :] * k[None, :, None]
