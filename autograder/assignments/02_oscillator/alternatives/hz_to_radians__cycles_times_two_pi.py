"""Computes cycles per sample first with torch.div, then scales by 2 pi with torch.mul (a number becomes a float64 0-d tensor first)."""


def hz_to_radians(frequency_hz, sample_rate):
    if not sample_rate > 0:
        raise ValueError(f"invalid sample_rate {sample_rate}: it must be positive")
    if not isinstance(frequency_hz, torch.Tensor):
        frequency_hz = torch.tensor(float(frequency_hz), dtype=torch.float64)
    cycles_per_sample = torch.div(frequency_hz, sample_rate)
    return torch.mul(cycles_per_sample, 2.0 * math.pi)
