"""Gathers the left and right neighbouring frames with index_select and blends them with torch.lerp."""


def upsample(envelope, n_samples):
    if envelope.dim() != 2 and envelope.dim() != 3:
        raise ValueError("envelope must be (batch, n_frames) or (batch, channels, n_frames)")
    if not n_samples >= 1:
        raise ValueError("n_samples must be a positive integer")
    n_frames = envelope.shape[-1]
    pos = (torch.arange(n_samples, dtype=torch.float64, device=envelope.device) + 0.5) * n_frames / n_samples - 0.5
    pos = pos.clamp(min=0.0, max=n_frames - 1.0)
    lo = pos.floor().long()
    hi = torch.clamp(lo + 1, max=n_frames - 1)
    frac = (pos - lo).to(envelope.dtype)
    left = envelope.index_select(-1, lo)
    right = envelope.index_select(-1, hi)
    return torch.lerp(left, right, frac)
