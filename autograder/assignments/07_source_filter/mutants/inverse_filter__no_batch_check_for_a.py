"""Does not compare the batch of a 2-D a with that of s: a mismatch fails later with a RuntimeError."""
CATCHES = ["inverse_filter_rejects_bad_arguments"]


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    n_samples = s.shape[-1]
    residual = s
    for k in range(1, coefficients.shape[-1] + 1):
        delayed = F.pad(s, (k, 0))[:, :n_samples]  # s[n - k], zeros before the start
        residual = residual + coefficients[:, k - 1:k] * delayed
    return residual
