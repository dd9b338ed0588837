"""Ignores chunking: one exclusive cumsum of the whole signal in float64, wrapped with torch.remainder, cast back to the input dtype."""


def wrapped_phase(frequency, phase=None, chunk_size=4096):
    if frequency.ndim != 2:
        raise ValueError(f"frequency must be 2-D (batch, n_samples), got {frequency.ndim}-D")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    if phase is not None and phase.shape != (frequency.shape[0],):
        raise ValueError(f"phase must be ({frequency.shape[0]},), got {tuple(phase.shape)}")
    omega = frequency.double()
    theta = torch.cumsum(omega, dim=1) - omega
    if phase is not None:
        theta = theta + phase.double()[:, None]
    return torch.remainder(theta, 2 * math.pi).to(frequency.dtype)
