"""Does not check n_samples, so n_samples = 0 surfaces as F.interpolate's RuntimeError instead of a ValueError."""
CATCHES = ["upsample_rejects_bad_arguments"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    frames = envelope if envelope.dim() == 3 else envelope.unsqueeze(1)
    samples = F.interpolate(frames, size=n_samples, mode="linear", align_corners=False)
    return samples if envelope.dim() == 3 else samples.squeeze(1)
