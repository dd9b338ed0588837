"""Builds the lagged copies with unfold on a zero-padded signal and one matrix product per signal."""


def autocorrelation(x, max_lag):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got shape {tuple(x.shape)}")
    n_samples = x.shape[-1]
    if max_lag < 0 or max_lag >= n_samples:
        raise ValueError(f"max_lag must satisfy 0 <= max_lag < n_samples = {n_samples}, got {max_lag}")
    padded = F.pad(x, (0, max_lag))
    windows = padded.unfold(-1, max_lag + 1, 1)             # (batch, n, max_lag + 1): x[n + k]
    return torch.einsum('bn,bnk->bk', x, windows)
