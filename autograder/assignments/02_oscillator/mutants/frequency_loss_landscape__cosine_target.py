"""Builds the target as a cosine (initial phase pi/2) while the candidates are sines, so even the right frequency has a large loss."""
CATCHES = ["frequency_loss_landscape_matches_closed_form_mse",
           "frequency_loss_landscape_passes_prediction_then_target",
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
    quarter_turn = torch.full((1,), math.pi / 2, dtype=dtype, device=ones.device)
    target = sinusoid(ones, hz_to_radians(target_hz, sample_rate) * ones, n_samples, quarter_turn)
    losses = [loss_fn(sinusoid(ones, hz_to_radians(c, sample_rate) * ones, n_samples), target) for c in candidates_hz]
    return torch.stack(losses)
