"""Windows of the last p + 1 samples (unfold on a left-padded signal) dotted with [a_p, ..., a_1, 1]."""


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    p = coefficients.shape[-1]
    windows = F.pad(s, (p, 0)).unfold(-1, p + 1, 1)                # (batch, n, p + 1): s[n-p .. n]
    kernel = torch.cat([coefficients.flip(-1), torch.ones_like(coefficients[:, :1])], dim=-1)
    return torch.einsum('bnk,bk->bn', windows, kernel)
