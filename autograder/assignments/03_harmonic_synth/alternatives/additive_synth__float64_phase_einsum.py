"""Accumulates the phase in float64 with an explicit interpolation matrix and sums sinusoids with einsum."""


def additive_synth(amplitudes, frequencies, n_samples):
    if amplitudes.ndim != 3:
        raise ValueError("amplitudes should be (batch, n_sinusoids, n_frames)")
    if tuple(frequencies.shape) != tuple(amplitudes.shape):
        raise ValueError("frequencies and amplitudes differ in shape")
    if n_samples < 1:
        raise ValueError(f"need n_samples >= 1, not {n_samples}")
    n_frames = amplitudes.shape[-1]
    sample = torch.arange(n_samples, dtype=torch.float64, device=amplitudes.device)
    position = (sample + 0.5) * n_frames / n_samples - 0.5
    position = position.clamp(0, n_frames - 1)
    left = position.floor().long().clamp(max=n_frames - 1)
    right = (left + 1).clamp(max=n_frames - 1)
    frac = position - left
    interp = torch.zeros(n_samples, n_frames, dtype=torch.float64, device=amplitudes.device)
    interp[torch.arange(n_samples), left] += 1 - frac
    interp[torch.arange(n_samples), right] += frac
    amp = torch.einsum("bkf,nf->bkn", amplitudes.double(), interp)
    omega = torch.einsum("bkf,nf->bkn", frequencies.double(), interp)
    phase = torch.cumsum(omega, dim=-1) - omega
    return torch.einsum("bkn->bn", amp * torch.sin(phase)).to(amplitudes.dtype)
