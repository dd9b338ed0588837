"""Divides by 2*pi instead of multiplying (f / (2 pi sample_rate)), mixing up the direction of the conversion."""
CATCHES = ["hz_to_radians_matches_closed_form", "hz_to_radians_gradient_is_two_pi_over_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return frequency_hz / (2 * math.pi * sample_rate)
