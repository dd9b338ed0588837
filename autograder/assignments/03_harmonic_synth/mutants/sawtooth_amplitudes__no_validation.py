"""Does not check n_harmonics: 0 returns an empty tensor instead of raising."""
CATCHES = ["sawtooth_amplitudes_rejects_bad_n_harmonics"]


def sawtooth_amplitudes(n_harmonics):
    return 2 / (math.pi * torch.arange(1, max(n_harmonics, 0) + 1, dtype=torch.float32))
