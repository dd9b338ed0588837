"""Writes each output sample into a (batch, n_samples) tensor it created, with column matrix products."""


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.ndim != 2 or u.shape[1] < 1:
        raise ValueError("u must be 2-D (batch, n_samples)")
    batch, n_samples = u.shape
    if Ad.ndim not in (2, 3) or Ad.shape[-1] != Ad.shape[-2] or (Ad.ndim == 3 and Ad.shape[0] != batch):
        raise ValueError("Ad must be (S, S) or (batch, S, S) matching u")
    S = Ad.shape[-1]
    if Bd.ndim not in (2, 3) or Bd.shape[-2:] != (S, 1) or (Bd.ndim == 3 and Bd.shape[0] != batch):
        raise ValueError("Bd must be (S, 1) or (batch, S, 1) matching u")
    if C.ndim not in (2, 3) or C.shape[-2:] != (1, S) or (C.ndim == 3 and C.shape[0] != batch):
        raise ValueError("C must be (1, S) or (batch, 1, S) matching u")
    if x0 is not None and (x0.ndim != 2 or x0.shape != (batch, S)):
        raise ValueError("x0 must be (batch, S)")
    x = (u.new_zeros(batch, S) if x0 is None else x0)[:, :, None]        # (batch, S, 1)
    y = u.new_zeros(batch, n_samples)
    for n in range(n_samples):
        x = Ad @ x + Bd * u[:, n, None, None]
        y[:, n] = (C @ x)[:, 0, 0]
    return y
