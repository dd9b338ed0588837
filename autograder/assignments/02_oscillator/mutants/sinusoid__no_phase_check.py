"""Never checks the length of phase, so a phase of the wrong length fails later with a broadcasting RuntimeError instead of a ValueError naming phase."""
CATCHES = ["sinusoid_rejects_bad_arguments"]


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError(f"amplitude must be (batch, n_frames), got {tuple(amplitude.shape)}")
    if frequency.shape != amplitude.shape:
        raise ValueError(f"frequency must match amplitude {tuple(amplitude.shape)}, got {tuple(frequency.shape)}")
    if phase is None:
        phase = torch.zeros(amplitude.shape[0], dtype=amplitude.dtype, device=amplitude.device)
    a = upsample(amplitude, n_samples)
    omega = upsample(frequency, n_samples)
    return a * torch.sin(phase[:, None] + torch.cumsum(omega, dim=-1) - omega)
