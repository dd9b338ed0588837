"""Hand-written interpolation that places sample n at frame n * n_frames / n_samples, without the half-sample offset of align_corners=False."""
CATCHES = ["upsample_matches_linear_interpolation_for_2d_envelopes",
           "upsample_keeps_channels_of_3d_envelopes",
           "upsample_gradient_is_the_transposed_interpolation"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    n_frames = envelope.shape[-1]
    position = torch.arange(n_samples, dtype=envelope.dtype, device=envelope.device) * n_frames / n_samples
    position = position.clamp(0, n_frames - 1)
    left = position.floor().long()
    right = (left + 1).clamp(max=n_frames - 1)
    weight = position - left
    return envelope[..., left] * (1 - weight) + envelope[..., right] * weight
