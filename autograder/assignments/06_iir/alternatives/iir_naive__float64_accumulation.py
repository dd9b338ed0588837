"""Runs the recursion in float64 whatever the input dtype, with an einsum over the available past
outputs, and casts the result back."""


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
    x64, c64 = x.double(), coeffs.double()
    outputs = []
    for n in range(n_samples):
        past = outputs[max(0, n - p):][::-1]                   # y[n-1], y[n-2], ...
        y_n = x64[:, n]
        if past:
            y_n = y_n - torch.einsum("bk,kb->b", c64[:, :len(past)], torch.stack(past))
        outputs.append(y_n)
    return torch.stack(outputs, dim=-1).to(x.dtype)
