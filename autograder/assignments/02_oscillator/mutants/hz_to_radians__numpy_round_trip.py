"""Converts through NumPy (detach().numpy(), then torch.as_tensor), which cuts the graph back to frequency_hz."""
CATCHES = ["hz_to_radians_accepts_plain_numbers_at_full_precision",
           "hz_to_radians_gradient_is_two_pi_over_sample_rate"]


def hz_to_radians(frequency_hz, sample_rate):
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    radians = 2 * np.pi * frequency_hz.detach().cpu().numpy() / sample_rate
    return torch.as_tensor(radians, dtype=frequency_hz.dtype, device=frequency_hz.device)
