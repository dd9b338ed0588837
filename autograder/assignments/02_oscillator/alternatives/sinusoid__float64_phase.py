"""Accumulates the phase in float64 (exclusive cumsum via a left pad) and casts the audio back to the input dtype."""


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.ndim != 2:
        raise ValueError("amplitude should be 2-D (batch, n_frames)")
    if tuple(frequency.shape) != tuple(amplitude.shape):
        raise ValueError("frequency and amplitude need the same shape")
    batch = amplitude.shape[0]
    if phase is not None and tuple(phase.shape) != (batch,):
        raise ValueError(f"phase should be a ({batch},) tensor")
    omega = upsample(frequency, n_samples).to(torch.float64)
    exclusive = torch.cumsum(F.pad(omega[:, :-1], (1, 0)), dim=-1)
    if phase is not None:
        exclusive = exclusive + phase.to(torch.float64).unsqueeze(-1)
    audio = upsample(amplitude, n_samples).to(torch.float64) * torch.sin(exclusive)
    return audio.to(amplitude.dtype)
