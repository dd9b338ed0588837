"""Writes the sinusoids directly as sin(omega * n) with n = 1 .. n_samples, one sample late."""
CATCHES = ["frequency_loss_landscape_matches_closed_form_mse",
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
    n = torch.arange(1, n_samples + 1, dtype=dtype, device=ones.device)
    target = torch.sin(hz_to_radians(target_hz, sample_rate) * n)[None]
    losses = [loss_fn(torch.sin(hz_to_radians(c, sample_rate) * n)[None], target) for c in candidates_hz]
    return torch.stack(losses)
