"""Repeats each frame ceil(n_samples / n_frames) times with repeat_interleave and truncates: a hold, not an interpolation."""
CATCHES = ["upsample_matches_linear_interpolation_for_2d_envelopes",
           "upsample_keeps_channels_of_3d_envelopes",
           "upsample_gradient_is_the_transposed_interpolation"]


def upsample(envelope, n_samples):
    if envelope.dim() not in (2, 3):
        raise ValueError(f"envelope must be 2-D or 3-D, got {envelope.dim()}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    hop = math.ceil(n_samples / envelope.shape[-1])
    return torch.repeat_interleave(envelope, hop, dim=-1)[..., :n_samples]
