"""Evaluates every mode in float64 (more accurate phases), then casts the sum back to the parameters' dtype."""


def modal_synth(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    if frequencies_hz.dim() != 2:
        raise ValueError("frequencies_hz must be (batch, n_modes)")
    if decays_s.shape != frequencies_hz.shape:
        raise ValueError("decays_s must have the shape of frequencies_hz")
    if amplitudes.shape != frequencies_hz.shape:
        raise ValueError("amplitudes must have the shape of frequencies_hz")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    t = torch.arange(n_samples, dtype=torch.float64, device=frequencies_hz.device) / sample_rate
    f, tau, a = frequencies_hz.double(), decays_s.double(), amplitudes.double()
    y = (a[..., None] * torch.exp(-t / tau[..., None]) * torch.sin(2 * math.pi * f[..., None] * t)).sum(dim=-2)
    return y.to(frequencies_hz.dtype)
