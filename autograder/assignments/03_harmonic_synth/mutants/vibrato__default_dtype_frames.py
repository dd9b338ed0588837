"""Builds the frame index in float32 whatever the arguments: 0-d float64 tensors come back as float32."""
CATCHES = ["vibrato_gradients_match_closed_form", "vibrato_keeps_float64_and_leaves_inputs_unchanged"]


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    if n_frames < 1:
        raise ValueError("n_frames must be at least 1")
    if frame_rate <= 0:
        raise ValueError("frame_rate must be positive")
    t = torch.arange(n_frames, dtype=torch.float32) / frame_rate
    return (f0_hz + depth_hz * torch.sin(2 * math.pi * rate_hz * t)).reshape(1, n_frames)
