"""Validates n_samples and sample_rate but lets mismatched parameter shapes broadcast."""
CATCHES = ["modal_synth_rejects_bad_arguments"]


def modal_synth(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    t = torch.arange(n_samples, dtype=frequencies_hz.dtype, device=frequencies_hz.device) / sample_rate
    modes = amplitudes[..., None] * torch.exp(-t / decays_s[..., None]) * torch.sin(2 * math.pi * frequencies_hz[..., None] * t)
    return modes.sum(-2)
