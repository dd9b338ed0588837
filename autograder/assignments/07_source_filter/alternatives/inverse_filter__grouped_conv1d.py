"""One grouped conv1d: each signal convolved with its own flipped kernel [a_p, ..., a_1, 1], left-padded by p."""


def inverse_filter(s, a):
    if s.dim() != 2:
        raise ValueError(f"s must be (batch, n_samples), got shape {tuple(s.shape)}")
    if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != s.shape[0]):
        raise ValueError(f"a must be (p,) or (batch, p) with batch {s.shape[0]}, got shape {tuple(a.shape)}")
    coefficients = a.expand(s.shape[0], -1) if a.dim() == 1 else a
    kernel = torch.cat([coefficients.flip(-1), torch.ones_like(coefficients[:, :1])], dim=-1)
    padded = F.pad(s, (coefficients.shape[-1], 0))[None]          # (1, batch, n + p)
    return F.conv1d(padded, kernel[:, None, :], groups=s.shape[0])[0]
