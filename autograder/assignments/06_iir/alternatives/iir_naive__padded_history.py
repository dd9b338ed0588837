"""Starts the list of outputs with p zeros, so every sample reads p past values (no edge case at the
start)."""


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
    history = [x.new_zeros(batch)] * p
    for n in range(n_samples):
        past = torch.stack(history[-p:][::-1], dim=-1)         # (batch, p): y[n-1] ... y[n-p]
        history.append(x[:, n] - (coeffs * past).sum(dim=-1))
    return torch.stack(history[p:], dim=-1)
