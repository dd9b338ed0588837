"""Uses mode="nearest", a sample-and-hold staircase, instead of linear interpolation between frames."""
CATCHES = ["upsample_matches_linear_interpolation_for_2d_envelopes",
           "upsample_keeps_channels_of_3d_envelopes",
           "upsample_gradient_is_the_transposed_interpolation"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    frames = envelope if envelope.dim() == 3 else envelope.unsqueeze(1)
    samples = F.interpolate(frames, size=n_samples, mode="nearest")
    return samples if envelope.dim() == 3 else samples.squeeze(1)
