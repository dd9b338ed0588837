"""Uses pi instead of 2*pi radians per cycle, so every angular frequency is half what it should be."""
CATCHES = ["hz_to_radians_matches_closed_form", "hz_to_radians_gradient_is_two_pi_over_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return math.pi * frequency_hz / sample_rate
