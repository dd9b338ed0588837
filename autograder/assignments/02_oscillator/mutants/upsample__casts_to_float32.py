"""Casts the envelope with .float() before interpolating, so float64 envelopes come back as float32."""
CATCHES = ["upsample_gradient_is_the_transposed_interpolation",
           "upsample_keeps_float64_and_does_not_modify_input"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    frames = envelope.float() if envelope.dim() == 3 else envelope.float().unsqueeze(1)
    samples = F.interpolate(frames, size=n_samples, mode="linear", align_corners=False)
    return samples if envelope.dim() == 3 else samples.squeeze(1)
