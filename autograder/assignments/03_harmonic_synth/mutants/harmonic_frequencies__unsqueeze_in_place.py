"""Adds the harmonic dimension with f0.unsqueeze_(1), which changes the shape of the caller's tensor."""
CATCHES = ["harmonic_frequencies_gradient_is_weighted_sum", "harmonic_frequencies_does_not_modify_f0"]


def harmonic_frequencies(f0, n_harmonics):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if n_harmonics < 1:
        raise ValueError("n_harmonics must be at least 1")
    k = torch.arange(1, n_harmonics + 1, dtype=f0.dtype, device=f0.device)
    return f0.unsqueeze_(1) * k[None, :, None]
