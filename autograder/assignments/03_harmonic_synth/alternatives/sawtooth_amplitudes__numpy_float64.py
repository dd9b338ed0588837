"""Computes the law in numpy and returns a float64 tensor."""


def sawtooth_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError(f"n_harmonics={n_harmonics} is not a positive number of harmonics")
    return torch.from_numpy(2 / (np.pi * np.arange(1, n_harmonics + 1)))
