"""Flattens Bd and C with reshape, so a Bd of shape (S,) (or C of shape (S, 1)) is accepted silently."""
CATCHES = ["simulate_state_space_rejects_bad_arguments"]


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.dim() != 2 or u.shape[1] < 1:
        raise ValueError("u must be (batch, n_samples)")
    batch, n_samples = u.shape
    if Ad.dim() not in (2, 3) or Ad.shape[-1] != Ad.shape[-2]:
        raise ValueError("Ad must be (S, S) or (batch, S, S)")
    S = Ad.shape[-1]
    if x0 is not None and tuple(x0.shape) != (batch, S):
        raise ValueError("x0 must be (batch, S)")
    Ads = Ad.expand(batch, S, S)
    Bds = Bd.reshape(-1, S).expand(batch, S)
    Cs = C.reshape(-1, S).expand(batch, S)
    x = u.new_zeros(batch, S) if x0 is None else x0
    out = []
    for n in range(n_samples):
        x = torch.einsum("bij,bj->bi", Ads, x) + Bds * u[:, n:n + 1]
        out.append(torch.sum(Cs * x, -1))
    return torch.stack(out, -1)
