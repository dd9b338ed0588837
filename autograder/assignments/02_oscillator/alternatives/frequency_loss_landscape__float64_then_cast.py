"""Computes every sinusoid in float64 (via sinusoid) and casts each one to the candidates' dtype just before the loss."""


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    cand = torch.as_tensor(candidates_hz)
    if len(cand.shape) != 1:
        raise ValueError(f"candidates_hz: expected shape (n_candidates,), got {tuple(cand.shape)}")
    if not n_samples >= 1:
        raise ValueError(f"n_samples: expected at least 1, got {n_samples}")
    out_dtype = cand.dtype if cand.is_floating_point() else torch.float32
    unit = torch.ones(1, 1, dtype=torch.float64, device=cand.device)

    def tone(hz):
        omega = hz_to_radians(hz, sample_rate) * unit
        return sinusoid(unit, omega, n_samples).to(out_dtype)

    target = tone(float(target_hz))
    return torch.stack([loss_fn(tone(f.double()), target) for f in cand.unbind(0)])
