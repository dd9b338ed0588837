"""Divides by the number of samples per radian (sample_rate / tau) with math.tau, instead of multiplying by 2 pi / sample_rate."""


def hz_to_radians(frequency_hz, sample_rate):
    if not sample_rate > 0:
        raise ValueError(f"sample_rate should be > 0 Hz, not {sample_rate!r}")
    samples_per_radian = sample_rate / math.tau
    return frequency_hz / samples_per_radian
