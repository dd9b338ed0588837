"""Tests the parity of the 0-based index with the 1-based k: keeps the even harmonics and drops the odd ones."""
CATCHES = ["square_amplitudes_are_four_over_pi_k_for_odd_k", "square_amplitudes_sum_to_the_ideal_square"]


def square_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    index = torch.arange(n_harmonics)
    return torch.where(index % 2 == 1, 4 / (math.pi * k), torch.zeros_like(k))
