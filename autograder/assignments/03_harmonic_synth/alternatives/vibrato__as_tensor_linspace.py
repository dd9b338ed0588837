"""Turns every argument into a tensor, promotes their dtypes with torch.result_type, and uses linspace for time."""


def vibrato(f0_hz, rate_hz, depth_hz, n_frames, frame_rate):
    if n_frames < 1:
        raise ValueError("n_frames must be >= 1")
    if frame_rate <= 0:
        raise ValueError("frame_rate must be > 0")
    f0_hz, rate_hz, depth_hz = (v if torch.is_tensor(v) else torch.tensor(float(v)) for v in (f0_hz, rate_hz, depth_hz))
    dtype = torch.promote_types(torch.promote_types(f0_hz.dtype, rate_hz.dtype), depth_hz.dtype)
    t = torch.linspace(0, (n_frames - 1) / frame_rate, n_frames, dtype=dtype, device=f0_hz.device)
    return (f0_hz + depth_hz * torch.sin(2 * math.pi * rate_hz * t))[None, :]
