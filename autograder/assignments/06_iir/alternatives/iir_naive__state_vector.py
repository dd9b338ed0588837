"""Keeps the last p outputs in a (batch, p) state tensor, newest first, and takes one dot product per
sample."""


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
    state = x.new_zeros(batch, p)
    outputs = []
    for n in range(n_samples):
        y_n = x[:, n] - (coeffs * state).sum(dim=-1)
        outputs.append(y_n)
        state = torch.cat([y_n.unsqueeze(-1), state[:, :-1]], dim=-1)
    return torch.stack(outputs, dim=-1)
