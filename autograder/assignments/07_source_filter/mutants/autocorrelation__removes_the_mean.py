"""Computes the autocovariance: subtracts each signal's mean first."""
CATCHES = ["autocorrelation_matches_numpy_correlate"]


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    x = x - x.mean(dim=-1, keepdim=True)
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    lags = [(x[:, :n_samples - k] * x[:, k:]).sum(dim=-1) for k in range(max_lag + 1)]
    return torch.stack(lags, dim=-1)
