"""Lets the odd amplitudes fall as 1 / k**2, which is the triangle wave's law (with the wrong constant)."""
CATCHES = ["square_amplitudes_are_four_over_pi_k_for_odd_k", "square_amplitudes_sum_to_the_ideal_square"]


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return torch.where(k % 2 == 1, 4 / (math.pi * k ** 2), torch.zeros_like(k))
