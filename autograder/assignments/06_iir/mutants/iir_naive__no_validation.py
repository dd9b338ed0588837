"""Checks nothing: a 1-D x, a 3-D a and a (2, p) a for a batch of 3 run into indexing or broadcasting
(no ValueError)."""
CATCHES = [
    'iir_naive_rejects_bad_arguments',
]


def iir_naive(x, a):
    n_samples = x.shape[-1]
    coeffs = a if a.dim() >= 2 else a.unsqueeze(0)
    p = coeffs.shape[-1]
    outputs = []
    for n in range(n_samples):
        y_n = x[..., n]
        for k in range(1, min(p, n) + 1):
            y_n = y_n - coeffs[..., k - 1] * outputs[n - k]
        outputs.append(y_n)
    return torch.stack(outputs, dim=-1)
