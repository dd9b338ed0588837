"""Converts Hz to degrees per sample (360 f / sample_rate) and then to radians with torch.deg2rad (a number becomes a float64 0-d tensor first)."""


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError("sample_rate has to be a positive number of samples per second")
    if not torch.is_tensor(frequency_hz):
        frequency_hz = torch.as_tensor(frequency_hz, dtype=torch.float64)
    return torch.deg2rad(torch.mul(frequency_hz, 360.0 / sample_rate))
