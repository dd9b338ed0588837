"""Skips the shape check on candidates_hz, so a 2-D array fails deep inside sinusoid with an error that does not name candidates_hz."""
CATCHES = ["frequency_loss_landscape_rejects_bad_arguments"]


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    candidates_hz = torch.as_tensor(candidates_hz)
    dtype = candidates_hz.dtype if candidates_hz.is_floating_point() else torch.get_default_dtype()
    candidates_hz = candidates_hz.to(dtype)
    ones = torch.ones(1, 1, dtype=dtype, device=candidates_hz.device)
    target = sinusoid(ones, hz_to_radians(target_hz, sample_rate) * ones, n_samples)
    losses = [loss_fn(sinusoid(ones, hz_to_radians(c, sample_rate) * ones, n_samples), target) for c in candidates_hz]
    return torch.stack(losses)
