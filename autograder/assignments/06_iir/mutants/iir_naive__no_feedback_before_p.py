"""Starts the recursion at n = p and copies the first p input samples unchanged (an off-by-one of the
initial state: y[n] for n < p does use the outputs before it)."""
CATCHES = [
    'iir_naive_matches_lfilter_with_shared_coefficients',
    'iir_naive_matches_lfilter_with_per_item_coefficients',
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
        if n >= p:
            for k in range(1, p + 1):
                y_n = y_n - coeffs[:, k - 1] * outputs[n - k]
        outputs.append(y_n)
    return torch.stack(outputs, dim=-1)
