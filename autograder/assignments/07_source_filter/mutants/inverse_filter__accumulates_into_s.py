"""Adds the delayed terms into s in place (residual = s; residual += ...), which changes the caller's tensor."""
CATCHES = ["inverse_filter_gradients_match_closed_form",
           "inverse_filter_keeps_dtype_batch_of_one_and_inputs"]


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    n_samples = s.shape[-1]
    residual = s
    for k in range(1, coefficients.shape[-1] + 1):
        delayed = F.pad(s, (k, 0))[:, :n_samples].clone()
        residual += coefficients[:, k - 1:k] * delayed
    return residual
