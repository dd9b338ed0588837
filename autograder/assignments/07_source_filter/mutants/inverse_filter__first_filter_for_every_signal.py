"""Uses the first row of a (batch, p) coefficient tensor for every signal."""
CATCHES = ["inverse_filter_matches_lfilter_per_signal"]


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    n_samples = s.shape[-1]
    residual = s
    for k in range(1, coefficients.shape[-1] + 1):
        delayed = F.pad(s, (k, 0))[:, :n_samples]  # s[n - k], zeros before the start
        residual = residual + coefficients[:1, k - 1:k] * delayed
    return residual
