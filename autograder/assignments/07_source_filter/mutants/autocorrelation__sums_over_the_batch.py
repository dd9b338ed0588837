"""Sums over dim=0 and the lag positions together: signals of a batch leak into each other."""
CATCHES = ["autocorrelation_matches_numpy_correlate",
           "autocorrelation_keeps_dtype_batch_of_one_and_inputs"]


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    lags = [(x[:, :n_samples - k] * x[:, k:]).sum(dim=-1).sum(dim=0).expand(x.shape[0]) for k in range(max_lag + 1)]
    return torch.stack(lags, dim=-1)
