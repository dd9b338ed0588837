"""Skips argument validation: n_harmonics = 0 returns an empty tensor and 3-D f0 is silently accepted."""
CATCHES = ["harmonic_frequencies_rejects_bad_arguments"]


def harmonic_frequencies(f0, n_harmonics):
    k = torch.arange(1, n_harmonics + 1, dtype=f0.dtype, device=f0.device)
    return f0.unsqueeze(-2) * k[:, None]
