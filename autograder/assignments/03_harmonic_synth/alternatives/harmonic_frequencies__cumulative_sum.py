"""Builds k * f0 by adding f0 k times: a cumulative sum over n_harmonics copies."""


def harmonic_frequencies(f0, n_harmonics):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    return torch.cumsum(f0.unsqueeze(1).expand(-1, n_harmonics, -1), dim=1)
