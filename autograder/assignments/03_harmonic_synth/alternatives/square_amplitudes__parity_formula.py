"""Uses (1 - (-1) ** k) / 2, which is 1 for odd k and 0 for even k."""


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be positive")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return (1 - (-1.0) ** k) / 2 * 4 / (math.pi * k)
