"""Builds the (n_frames, n_samples) linear-interpolation matrix explicitly and applies it with a matmul on the last dimension."""


def upsample(envelope, n_samples):
    if envelope.ndim < 2 or envelope.ndim > 3:
        raise ValueError(f"envelope should have 2 or 3 dimensions, got {envelope.ndim}")
    if n_samples < 1:
        raise ValueError(f"n_samples should be >= 1, got {n_samples}")
    n_frames = envelope.shape[-1]
    kw = dict(dtype=envelope.dtype, device=envelope.device)
    # Frame position of each sample (align_corners=False), clamped to the first and last frame.
    where = ((torch.arange(n_samples, **kw) + 0.5) * (n_frames / n_samples) - 0.5).clamp(0, n_frames - 1)
    frames = torch.arange(n_frames, **kw)
    # Hat functions: weight of frame f at sample n is max(0, 1 - |position - f|).
    matrix = torch.relu(1 - torch.abs(where[None, :] - frames[:, None]))
    return envelope @ matrix
