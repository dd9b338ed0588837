"""Uses the sawtooth's 2 / (pi k) on the odd harmonics: a square wave of height 1/2."""
CATCHES = ["square_amplitudes_are_four_over_pi_k_for_odd_k", "square_amplitudes_sum_to_the_ideal_square"]


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return torch.where(k % 2 == 1, 2 / (math.pi * k), torch.zeros_like(k))
