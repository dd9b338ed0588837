"""Solves the normal equations with torch.linalg.solve (O(p^3), but the same solution) and computes the error from its definition."""


def levinson_durbin(r, order):
    if r.dim() != 2:
        raise ValueError(f"r must be 2-D, got {tuple(r.shape)}")
    if order < 1:
        raise ValueError(f"order must be >= 1, got {order}")
    if r.shape[-1] < order + 1:
        raise ValueError(f"r has too few lags ({r.shape[-1]}) for order {order}")
    index = torch.arange(order, device=r.device)
    matrix = r[:, (index[:, None] - index[None, :]).abs()]
    a = torch.linalg.solve(matrix, -r[:, 1:order + 1, None])[..., 0]
    return a, r[:, 0] + (a * r[:, 1:order + 1]).sum(dim=-1)
