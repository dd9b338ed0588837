"""Starts from zeros and fills every other entry (the odd harmonics) by strided assignment."""


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    out = torch.zeros(n_harmonics)
    odd = torch.arange(1, n_harmonics + 1, 2, dtype=torch.float32)
    out[::2] = 4 / (math.pi * odd)
    return out
