"""Does not validate sample_rate: 0 gives infinities (or a ZeroDivisionError) and a negative rate flips the sign silently."""
CATCHES = ["hz_to_radians_rejects_nonpositive_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    return 2 * math.pi * frequency_hz / sample_rate
