"""Computes the lags with np.correlate on x.detach().numpy(): right values, but no gradient reaches x."""
CATCHES = ["autocorrelation_gradient_matches_closed_form"]


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    rows = [np.correlate(row, row, 'full')[n_samples - 1:n_samples + max_lag] for row in x.detach().numpy()]
    return torch.tensor(np.stack(rows), dtype=x.dtype)
