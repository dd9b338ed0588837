"""Builds the amplitudes from a Python list."""


def sawtooth_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be >= 1")
    return torch.tensor([2.0 / (math.pi * k) for k in range(1, n_harmonics + 1)])
