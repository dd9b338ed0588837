"""Synthesises one sinusoid at a time in a Python loop, with the phase as cumsum minus the current sample."""


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.dim() != 3:
        raise ValueError(f"amplitudes must be 3-D, got {amplitudes.dim()}-D")
    if frequencies.shape != amplitudes.shape:
        raise ValueError("frequencies must have exactly the shape of amplitudes")
    if n_samples < 1:
        raise ValueError("n_samples must be positive")
    out = torch.zeros(amplitudes.shape[0], n_samples, dtype=amplitudes.dtype, device=amplitudes.device)
    for k in range(amplitudes.shape[1]):
        a = upsample(amplitudes[:, k], n_samples)
        w = upsample(frequencies[:, k], n_samples)
        out = out + a * torch.sin(torch.cumsum(w, dim=-1) - w)
    return out
