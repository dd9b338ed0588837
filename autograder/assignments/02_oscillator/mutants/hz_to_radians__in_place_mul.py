"""Converts with frequency_hz.mul_(...), which overwrites the caller's Hz tensor (and fails on a leaf that requires grad)."""
CATCHES = ["hz_to_radians_accepts_plain_numbers_at_full_precision",
           "hz_to_radians_gradient_is_two_pi_over_sample_rate",
           "hz_to_radians_does_not_modify_input"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return frequency_hz.mul_(2 * math.pi / sample_rate)
