"""Checks the shapes but not the sample period: T <= 0 passes silently."""
CATCHES = ["discretize_bilinear_rejects_bad_arguments"]


def discretize_bilinear(A, B, sample_period):
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if B.dim() < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m)")
    I = torch.eye(A.shape[-1], dtype=A.dtype, device=A.device)
    M = torch.linalg.inv(I - A * sample_period / 2)
    return M @ (I + A * sample_period / 2), sample_period * (M @ B)
