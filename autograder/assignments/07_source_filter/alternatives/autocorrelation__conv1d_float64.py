"""Grouped conv1d of each signal with itself, accumulated in float64 and cast back."""


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    y = x.double()
    padded = F.pad(y, (0, max_lag))[None]                  # (1, batch, n + max_lag)
    out = F.conv1d(padded, y[:, None, :], groups=y.shape[0])  # correlation, lags 0..max_lag
    return out[0].to(x.dtype)
