"""Converts the candidates to radians in place with candidates_hz *= 2 pi / sample_rate, which overwrites the caller's tensor (and fails on a leaf that requires grad)."""
CATCHES = ["frequency_loss_landscape_keeps_float32_and_does_not_modify_candidates",
           "frequency_loss_landscape_gradient_reaches_the_candidates"]


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    candidates_hz = torch.as_tensor(candidates_hz)
    if candidates_hz.dim() != 1:
        raise ValueError(f"candidates_hz must be 1-D, got shape {tuple(candidates_hz.shape)}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    dtype = candidates_hz.dtype if candidates_hz.is_floating_point() else torch.get_default_dtype()
    candidates_hz = candidates_hz.to(dtype)
    ones = torch.ones(1, 1, dtype=dtype, device=candidates_hz.device)
    target = sinusoid(ones, hz_to_radians(target_hz, sample_rate) * ones, n_samples)
    candidates_hz *= 2 * math.pi / sample_rate
    losses = [loss_fn(sinusoid(ones, omega * ones, n_samples), target) for omega in candidates_hz]
    return torch.stack(losses)
