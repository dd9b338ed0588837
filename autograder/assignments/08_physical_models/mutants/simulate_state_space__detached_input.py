"""Detaches the input (u.detach()) before the loop: no gradient reaches u."""
CATCHES = ["simulate_state_space_gradients_wrt_input_and_initial_state"]


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.dim() != 2 or u.shape[1] < 1:
        raise ValueError("u must be (batch, n_samples)")
    batch, n_samples = u.shape
    if Ad.dim() not in (2, 3) or Ad.shape[-1] != Ad.shape[-2]:
        raise ValueError("Ad must be (S, S) or (batch, S, S)")
    S = Ad.shape[-1]
    for name, matrix, tail in (("Ad", Ad, (S, S)), ("Bd", Bd, (S, 1)), ("C", C, (1, S))):
        if matrix.dim() not in (2, 3) or tuple(matrix.shape[-2:]) != tail:
            raise ValueError(f"{name} has the wrong shape")
        if matrix.dim() == 3 and matrix.shape[0] != batch:
            raise ValueError(f"{name} and u have different batch sizes")
    if x0 is not None and tuple(x0.shape) != (batch, S):
        raise ValueError("x0 must be (batch, S)")
    Ads = Ad.expand(batch, S, S)
    Bds = Bd.expand(batch, S, 1)[..., 0]
    Cs = C.expand(batch, 1, S)[:, 0]
    u = u.detach()
    x = u.new_zeros(batch, S) if x0 is None else x0
    out = []
    for n in range(n_samples):
        x = torch.einsum("bij,bj->bi", Ads, x) + Bds * u[:, n:n + 1]
        out.append(torch.sum(Cs * x, -1))
    return torch.stack(out, -1)
