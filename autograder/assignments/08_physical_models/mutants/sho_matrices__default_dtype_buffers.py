"""Fills matrices made with torch.zeros(...) in the default dtype: float64 parameters come back float32."""
CATCHES = ["sho_matrices_keep_float64"]


def sho_matrices(stiffness, mass, damping):
    for name, value in (("stiffness", stiffness), ("mass", mass), ("damping", damping)):
        if value.dim() > 1:
            raise ValueError(f"{name} must be 0-d or 1-D")
    lengths = {v.shape[0] for v in (stiffness, mass, damping) if v.dim() == 1}
    if len(lengths) > 1:
        raise ValueError("stiffness, mass and damping have different lengths")
    k, m, c = torch.broadcast_tensors(stiffness, mass, damping)
    A = torch.zeros(*k.shape, 2, 2)
    B = torch.zeros(*k.shape, 2, 1)
    C = torch.zeros(*k.shape, 1, 2)
    A[..., 0, 1] = 1.0
    A[..., 1, 0] = -k / m
    A[..., 1, 1] = -c / m
    B[..., 1, 0] = 1 / m
    C[..., 0, 0] = 1.0
    return A, B, C
