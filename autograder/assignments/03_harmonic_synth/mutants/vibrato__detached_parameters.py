"""Converts the arguments with float(...), which cuts the graph: no gradient reaches rate_hz or depth_hz."""
CATCHES = ["vibrato_gradients_match_closed_form"]


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    if n_frames < 1:
        raise ValueError("n_frames must be at least 1")
    if frame_rate <= 0:
        raise ValueError("frame_rate must be positive")
    t = torch.arange(n_frames, dtype=torch.float64) / frame_rate
    return (float(f0_hz) + float(depth_hz) * torch.sin(2 * math.pi * float(rate_hz) * t)).reshape(1, n_frames)
