"""Broadcasts A to the leading shape of B first, so a shared A with a batch of B returns a batch of Ad."""
CATCHES = ["discretize_bilinear_broadcasts_leading_dimensions"]


def discretize_bilinear(A, B, sample_period):
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if B.dim() < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m)")
    if sample_period <= 0:
        raise ValueError("sample_period must be positive")
    I = torch.eye(A.shape[-1], dtype=A.dtype, device=A.device)
    lead = torch.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    A = A.expand(*lead, *A.shape[-2:])
    M = torch.linalg.inv(I - A * sample_period / 2)
    return M @ (I + A * sample_period / 2), sample_period * (M @ B)
