"""Checks sample_rate < 0 instead of <= 0, so a zero sample rate gets through and divides by zero."""
CATCHES = ["hz_to_radians_rejects_nonpositive_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate < 0:
        raise ValueError(f"sample_rate must not be negative, got {sample_rate}")
    return frequency_hz * (2 * math.pi / sample_rate)
