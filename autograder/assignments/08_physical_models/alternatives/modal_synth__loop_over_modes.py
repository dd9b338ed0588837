"""Adds the modes one at a time in a Python loop, with the phase computed as omega n (rad/sample times the index)."""


def modal_synth(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    if frequencies_hz.ndim != 2:
        raise ValueError("frequencies_hz must be 2-D")
    if decays_s.shape != frequencies_hz.shape:
        raise ValueError("decays_s does not match frequencies_hz")
    if amplitudes.shape != frequencies_hz.shape:
        raise ValueError("amplitudes does not match frequencies_hz")
    if n_samples < 1:
        raise ValueError("n_samples must be >= 1")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be > 0")
    n = torch.arange(n_samples, dtype=frequencies_hz.dtype, device=frequencies_hz.device)
    out = torch.zeros(frequencies_hz.shape[0], n_samples, dtype=frequencies_hz.dtype, device=frequencies_hz.device)
    for i in range(frequencies_hz.shape[1]):
        omega = 2 * math.pi * frequencies_hz[:, i:i + 1] / sample_rate           # rad/sample
        per_sample = torch.exp(-1.0 / (decays_s[:, i:i + 1] * sample_rate))       # decay per sample
        out = out + amplitudes[:, i:i + 1] * per_sample ** n * torch.sin(omega * n)
    return out
