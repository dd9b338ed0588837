"""Does not check n_harmonics: 0 returns an empty tensor instead of raising."""
CATCHES = ["square_amplitudes_rejects_bad_n_harmonics"]


def square_amplitudes(n_harmonics):
    k = torch.arange(1, max(n_harmonics, 0) + 1, dtype=torch.float32)
    return torch.where(k % 2 == 1, 4 / (math.pi * k), torch.zeros_like(k))
