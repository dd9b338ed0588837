"""Interpolates one output sample at a time in a Python loop and stacks them along a new last dimension."""


def upsample(envelope, n_samples):
    if envelope.dim() < 2 or envelope.dim() > 3:
        raise ValueError(f"envelope has {envelope.dim()} dimensions; 2 or 3 are allowed")
    if n_samples <= 0:
        raise ValueError(f"n_samples = {n_samples} is not positive")
    n_frames = envelope.shape[-1]
    samples = []
    for n in range(n_samples):
        position = min(max((n + 0.5) * n_frames / n_samples - 0.5, 0.0), n_frames - 1.0)
        left = int(math.floor(position))
        right = min(left + 1, n_frames - 1)
        weight = position - left
        samples.append(envelope[..., left] * (1.0 - weight) + envelope[..., right] * weight)
    return torch.stack(samples, dim=-1)
