"""Validates only n_samples and lets frequencies broadcast against amplitudes."""
CATCHES = ["additive_synth_rejects_bad_arguments"]


def additive_synth(amplitudes, frequencies, n_samples):
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    amplitude = upsample(amplitudes, n_samples)
    omega = upsample(frequencies, n_samples)
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.sum(amplitude * torch.sin(phase), dim=-2)
