"""Advances a running phase one sample at a time in a Python loop and stacks the samples."""


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError(f"amplitude: expected (batch, n_frames), got {list(amplitude.shape)}")
    if frequency.shape != amplitude.shape:
        raise ValueError(f"frequency: expected shape {list(amplitude.shape)}, got {list(frequency.shape)}")
    if phase is None:
        running = amplitude.new_zeros(amplitude.shape[0])
    elif phase.dim() != 1 or phase.shape[0] != amplitude.shape[0]:
        raise ValueError(f"phase: expected ({amplitude.shape[0]},), got {list(phase.shape)}")
    else:
        running = phase
    a = upsample(amplitude, n_samples)
    omega = upsample(frequency, n_samples)
    out = []
    for n in range(n_samples):
        out.append(a[:, n] * torch.sin(running))
        running = running + omega[:, n]
    return torch.stack(out, dim=1)
