"""Always adds a channel axis with unsqueeze(1), so a 3-D envelope becomes 4-D and F.interpolate(mode="linear") rejects it."""
CATCHES = ["upsample_keeps_channels_of_3d_envelopes", "upsample_gradient_is_the_transposed_interpolation"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    samples = F.interpolate(envelope.unsqueeze(1), size=n_samples, mode="linear", align_corners=False)
    return samples.squeeze(1)
