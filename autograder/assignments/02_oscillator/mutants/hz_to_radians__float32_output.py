"""Hard-codes float32 with .float(), so float64 frequencies come back as float32 and lose precision."""
CATCHES = ["hz_to_radians_matches_closed_form", "hz_to_radians_accepts_plain_numbers_at_full_precision"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return (2 * math.pi * frequency_hz / sample_rate).float()
