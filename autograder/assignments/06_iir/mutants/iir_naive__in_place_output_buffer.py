"""Writes each sample into a preallocated output tensor and reads earlier samples back from it: the
forward pass is right, but backward finds the values it saved overwritten."""
CATCHES = [
    'iir_naive_gradients_match_complex_step',
    'iir_naive_gradients_with_per_item_coefficients',
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
    y = torch.zeros_like(x)
    for n in range(n_samples):
        y_n = x[:, n]
        for k in range(1, min(p, n) + 1):
            y_n = y_n - coeffs[:, k - 1] * y[:, n - k]
        y[:, n] = y_n
    return y
