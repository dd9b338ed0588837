"""Stacks k * f0 for k = 1..n_harmonics from a Python loop."""


def harmonic_frequencies(f0, n_harmonics):
    if f0.ndim != 2:
        raise ValueError("f0 must have shape (batch, n_frames)")
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be >= 1")
    return torch.stack([k * f0 for k in range(1, n_harmonics + 1)], dim=1)
