"""Builds the unit amplitude with torch.ones(1, 1), whose default float32 dtype wins over a 0-d float64 candidate, so float64 landscapes are computed in float32."""
CATCHES = ["frequency_loss_landscape_matches_closed_form_mse",
           "frequency_loss_landscape_passes_prediction_then_target",
           "frequency_loss_landscape_gradient_reaches_the_candidates"]


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    candidates_hz = torch.as_tensor(candidates_hz)
    if candidates_hz.dim() != 1:
        raise ValueError(f"candidates_hz must be 1-D, got shape {tuple(candidates_hz.shape)}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    ones = torch.ones(1, 1)
    target = sinusoid(ones, hz_to_radians(target_hz, sample_rate) * ones, n_samples)
    losses = [loss_fn(sinusoid(ones, hz_to_radians(c, sample_rate) * ones, n_samples), target) for c in candidates_hz]
    return torch.stack(losses)
