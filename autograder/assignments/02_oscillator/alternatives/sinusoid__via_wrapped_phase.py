"""Gets the phase from the notebook's own wrapped_phase (so it stays in [0, 2 pi)) and takes the sine of that."""


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError("amplitude must be a 2-D (batch, n_frames) tensor")
    if frequency.shape != amplitude.shape:
        raise ValueError("frequency must be shaped like amplitude")
    if phase is not None and phase.shape != amplitude.shape[:1]:
        raise ValueError("phase must hold one initial phase per batch item")
    theta = wrapped_phase(upsample(frequency, n_samples), phase)
    return upsample(amplitude, n_samples) * torch.sin(theta)
