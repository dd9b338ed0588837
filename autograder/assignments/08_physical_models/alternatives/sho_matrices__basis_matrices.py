"""Weights constant basis matrices by the parameters, A = E01 - (k/m) E10 - (c/m) E11, computed in float64 and cast back."""


def sho_matrices(stiffness, mass, damping):
    named = [("stiffness", stiffness), ("mass", mass), ("damping", damping)]
    for name, value in named:
        if not torch.is_tensor(value) or len(value.shape) >= 2:
            raise ValueError(f"{name}: expected a 0-d or (batch,) tensor")
    sizes = sorted({len(v) for _, v in named if v.dim() == 1})
    if len(sizes) > 1:
        listed = ", ".join(name for name, v in named if v.dim() == 1)
        raise ValueError(f"batch sizes differ between {listed}: {sizes}")
    dtype = (stiffness / mass + damping).dtype
    shape = torch.broadcast_shapes(stiffness.shape, mass.shape, damping.shape)
    k, m, c = (v.double()[..., None, None] for _, v in named)
    basis = lambda rows: torch.tensor(rows, dtype=torch.float64, device=stiffness.device)  # noqa: E731
    E01, E10, E11 = basis([[0, 1], [0, 0]]), basis([[0, 0], [1, 0]]), basis([[0, 0], [0, 1]])
    A = E01.expand(*shape, 2, 2) - (k / m) * E10 - (c / m) * E11
    B = (1 / m) * basis([[0], [1]])
    C = basis([[1, 0]]).expand(*shape, 1, 2)
    return A.to(dtype), B.expand(*shape, 2, 1).to(dtype), C.to(dtype)
