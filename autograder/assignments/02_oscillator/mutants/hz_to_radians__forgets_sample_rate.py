"""Returns 2*pi*f, radians per second, forgetting to divide by the sample rate."""
CATCHES = ["hz_to_radians_matches_closed_form", "hz_to_radians_gradient_is_two_pi_over_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return 2 * math.pi * frequency_hz
