"""Computes time in seconds in float64 and casts to the arguments' dtype at the end (float32 for numbers)."""


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    if n_frames < 1:
        raise ValueError("n_frames must be positive")
    if not frame_rate > 0:
        raise ValueError("frame_rate must be positive")
    tensors = [v for v in (f0_hz, rate_hz, depth_hz) if isinstance(v, torch.Tensor)]
    dtype = tensors[0].dtype if tensors else torch.float32
    t = torch.arange(n_frames, dtype=torch.float64) / frame_rate
    contour = f0_hz + depth_hz * torch.sin(2 * math.pi * rate_hz * t)
    return contour.to(dtype).unsqueeze(0)
