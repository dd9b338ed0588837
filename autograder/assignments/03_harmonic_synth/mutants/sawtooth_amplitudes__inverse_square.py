"""Lets the amplitudes fall as 1 / k**2 (the law of a triangle-like wave), not 1 / k."""
CATCHES = ["sawtooth_amplitudes_are_two_over_pi_k", "sawtooth_amplitudes_sum_to_the_ideal_sawtooth"]


def sawtooth_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return 2 / (math.pi * k ** 2)
