"""The recursion with einsum on per-item views of the matrices, collecting the outputs in a list."""


def simulate_state_space(Ad, Bd, C, u, x0=None):
    if u.dim() != 2 or u.shape[-1] == 0:
        raise ValueError("u must be (batch, n_samples) with at least one sample")
    batch, n_samples = u.shape
    if Ad.dim() not in (2, 3) or Ad.shape[-2] != Ad.shape[-1]:
        raise ValueError("Ad must be (S, S) or (batch, S, S)")
    S = Ad.shape[-1]
    expected = {"Ad": (S, S), "Bd": (S, 1), "C": (1, S)}
    for name, matrix in (("Ad", Ad), ("Bd", Bd), ("C", C)):
        if matrix.shape not in (expected[name], (batch, *expected[name])):
            raise ValueError(f"{name} must be {expected[name]} or {(batch, *expected[name])}, got {tuple(matrix.shape)}")
    if x0 is not None and x0.shape != (batch, S):
        raise ValueError(f"x0 must be {(batch, S)}")
    x = torch.zeros(batch, S, dtype=u.dtype, device=u.device) if x0 is None else x0
    Ads, Bds, Cs = Ad.expand(batch, S, S), Bd.expand(batch, S, 1), C.expand(batch, 1, S)
    outputs = []
    for n in range(n_samples):
        x = torch.einsum("bij,bj->bi", Ads, x) + Bds[:, :, 0] * u[:, n, None]
        outputs.append(torch.einsum("bj,bj->b", Cs[:, 0], x))
    return torch.stack(outputs, dim=1)
