"""Adds the channel axis with envelope.unsqueeze_(1), which reshapes the caller's tensor (and fails on a leaf that requires grad)."""
CATCHES = ["upsample_keeps_float64_and_does_not_modify_input", "upsample_gradient_is_the_transposed_interpolation"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    two_d = envelope.dim() == 2
    frames = envelope.unsqueeze_(1) if two_d else envelope
    samples = F.interpolate(frames, size=n_samples, mode="linear", align_corners=False)
    return samples.squeeze(1) if two_d else samples
