"""Returns only the odd harmonics' amplitudes (ceil(n / 2) values), so entry k - 1 is not harmonic k."""
CATCHES = ["square_amplitudes_are_four_over_pi_k_for_odd_k", "square_amplitudes_sum_to_the_ideal_square"]


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, 2, dtype=torch.float32)
    return 4 / (math.pi * k)
