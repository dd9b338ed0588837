"""Treats a[0] as the leading 1 of the denominator (as scipy's a does) and skips it: y[n] = x[n] -
sum_{k=1..p-1} a[k] y[n-k]."""
CATCHES = [
    'iir_naive_matches_lfilter_with_shared_coefficients',
    'iir_naive_matches_lfilter_with_per_item_coefficients',
    'iir_naive_impulse_response_of_one_pole_is_geometric',
]


def iir_naive(x, a):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if a.dim() not in (1, 2):
        raise ValueError(f"a must be (p,) or (batch, p), got {tuple(a.shape)}")
    if a.dim() == 2 and a.shape[0] != x.shape[0]:
        raise ValueError("a needs one row per item of x")
    batch, n_samples = x.shape
    coeffs = a if a.dim() == 2 else a.unsqueeze(0).expand(batch, -1)
    p = coeffs.shape[-1]
    outputs = []
    for n in range(n_samples):
        y_n = x[:, n]
        for k in range(1, min(p - 1, n) + 1):
            y_n = y_n - coeffs[:, k] * outputs[n - k]
        outputs.append(y_n)
    return torch.stack(outputs, dim=-1)
