"""Uses torch.arange(n_harmonics) for k: the first amplitude is 2 / 0 = inf."""
CATCHES = ["sawtooth_amplitudes_are_two_over_pi_k", "sawtooth_amplitudes_sum_to_the_ideal_sawtooth"]


def sawtooth_amplitudes(n_harmonics):
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(n_harmonics, dtype=torch.float32)
    return 2 / (math.pi * k)
