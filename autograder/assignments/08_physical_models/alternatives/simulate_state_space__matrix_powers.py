"""No sample loop on the signal: powers of Ad give the impulse response C Ad^k Bd and the free response
C Ad^(n+1) x0; the output is their causal convolution with u (a lower-triangular Toeplitz product) plus the free part."""


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.dim() != 2 or u.shape[1] < 1:
        raise ValueError("u must be (batch, n_samples)")
    batch, n_samples = u.shape
    if Ad.dim() not in (2, 3) or Ad.shape[-1] != Ad.shape[-2]:
        raise ValueError("Ad must be (S, S) or (batch, S, S)")
    S = Ad.shape[-1]
    for name, matrix, tail in (("Ad", Ad, (S, S)), ("Bd", Bd, (S, 1)), ("C", C, (1, S))):
        if matrix.dim() not in (2, 3) or tuple(matrix.shape[-2:]) != tail:
            raise ValueError(f"{name} has shape {tuple(matrix.shape)}, expected {tail} or (batch, *{tail})")
        if matrix.dim() == 3 and matrix.shape[0] != batch:
            raise ValueError(f"{name} has another batch size than u")
    if x0 is not None and tuple(x0.shape) != (batch, S):
        raise ValueError("x0 must be (batch, S)")
    Ads, Bds, Cs = Ad.expand(batch, S, S), Bd.expand(batch, S, 1), C.expand(batch, 1, S)
    powers = [torch.eye(S, dtype=u.dtype, device=u.device).expand(batch, S, S)]
    for _ in range(n_samples):
        powers.append(Ads @ powers[-1])
    P = torch.stack(powers, dim=1)                                   # (batch, n + 1, S, S): Ad^0 .. Ad^n
    h = (Cs[:, None] @ P[:, :n_samples] @ Bds[:, None])[..., 0, 0]   # (batch, n): C Ad^k Bd
    lag = torch.arange(n_samples)[:, None] - torch.arange(n_samples)[None, :]
    toeplitz = torch.where(lag >= 0, h[:, lag.clamp(min=0)], torch.zeros((), dtype=h.dtype))
    y = (toeplitz @ u[:, :, None])[..., 0]
    if x0 is not None:
        y = y + (Cs[:, None] @ P[:, 1:] @ x0[:, None, :, None])[..., 0, 0]
    return y
