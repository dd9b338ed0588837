"""Checks only that x is 2-D: max_lag = n_samples quietly gives a zero lag, max_lag = -1 a confusing error."""
CATCHES = ["autocorrelation_rejects_bad_arguments"]


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if False:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    lags = [(x[:, :n_samples - k] * x[:, k:]).sum(dim=-1) for k in range(max_lag + 1)]
    return torch.stack(lags, dim=-1)
