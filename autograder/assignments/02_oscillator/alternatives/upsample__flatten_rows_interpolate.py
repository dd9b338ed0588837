"""Flattens every leading dimension into one batch of single-channel rows, interpolates, and restores the shape."""


def upsample(envelope, n_samples):
    if len(envelope.shape) not in {2, 3}:
        raise ValueError(f"envelope: expected 2 or 3 dims, got shape {list(envelope.shape)}")
    if int(n_samples) < 1:
        raise ValueError(f"n_samples: need at least one sample, got {n_samples}")
    *lead, n_frames = envelope.shape
    rows = envelope.reshape(-1, 1, n_frames)
    out = torch.nn.functional.interpolate(rows, size=(n_samples,), mode="linear", align_corners=False)
    return out.reshape(*lead, n_samples)
