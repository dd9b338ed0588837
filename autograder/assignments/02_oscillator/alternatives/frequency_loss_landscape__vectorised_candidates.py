"""Synthesises all candidates at once as one (n_candidates, n_frames) batch of sinusoid, then applies loss_fn row by row."""


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    candidates = candidates_hz if torch.is_tensor(candidates_hz) else torch.tensor(candidates_hz)
    if candidates.ndim != 1:
        raise ValueError(f"candidates_hz needs to be 1-D, got {candidates.ndim}-D")
    if n_samples < 1:
        raise ValueError(f"n_samples needs to be >= 1, got {n_samples}")
    if not candidates.is_floating_point():
        candidates = candidates.to(torch.get_default_dtype())
    k = candidates.shape[0]
    omegas = hz_to_radians(candidates, sample_rate)[:, None].expand(k, 2)
    predictions = sinusoid(torch.ones_like(omegas), omegas, n_samples)
    target_omega = torch.full((1, 2), float(target_hz), dtype=candidates.dtype, device=candidates.device)
    target = sinusoid(torch.ones_like(target_omega), hz_to_radians(target_omega, sample_rate), n_samples)
    return torch.stack([loss_fn(predictions[i:i + 1], target) for i in range(k)])
