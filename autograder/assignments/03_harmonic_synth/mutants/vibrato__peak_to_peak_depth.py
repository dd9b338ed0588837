"""Reads depth_hz as the peak-to-peak swing and halves it."""
CATCHES = ["vibrato_matches_closed_form",
           "vibrato_counts_time_in_frames_at_frame_rate",
           "vibrato_gradients_match_closed_form"]


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    if n_frames < 1:
        raise ValueError("n_frames must be at least 1")
    if frame_rate <= 0:
        raise ValueError("frame_rate must be positive")
    dtype, device = torch.get_default_dtype(), None
    for value in (f0_hz, rate_hz, depth_hz):
        if torch.is_tensor(value):
            dtype, device = torch.promote_types(dtype, value.dtype), value.device
    i = torch.arange(n_frames, dtype=dtype, device=device)
    return (f0_hz + depth_hz / 2 * torch.sin(2 * math.pi * rate_hz * i / frame_rate)).reshape(1, n_frames)
