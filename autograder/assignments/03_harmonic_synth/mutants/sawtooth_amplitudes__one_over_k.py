"""Uses 1 / k without the 2 / pi normalisation: a sawtooth of peak pi / 2."""
CATCHES = ["sawtooth_amplitudes_are_two_over_pi_k", "sawtooth_amplitudes_sum_to_the_ideal_sawtooth"]


def sawtooth_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return 1 / k
