"""Does not validate: n_frames = 0 gives an empty contour and frame_rate = 0 a division by zero."""
CATCHES = ["vibrato_rejects_bad_arguments"]


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    dtype = torch.float64 if any(torch.is_tensor(v) and v.dtype == torch.float64
                                 for v in (f0_hz, rate_hz, depth_hz)) else torch.float32
    i = torch.arange(n_frames, dtype=dtype)
    return (f0_hz + depth_hz * torch.sin(2 * math.pi * rate_hz * i / frame_rate)).reshape(1, -1)
