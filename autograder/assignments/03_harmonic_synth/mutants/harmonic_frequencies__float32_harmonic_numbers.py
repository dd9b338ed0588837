"""Builds k as float32 and casts the product to it, so float64 f0 comes back as float32."""
CATCHES = ["harmonic_frequencies_gradient_is_weighted_sum", "harmonic_frequencies_keeps_float64"]


def harmonic_frequencies(f0, n_harmonics):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=torch.float32)
    return (f0[:, None, :] * k[None, :, None]).to(k.dtype)
