"""Computes in float64 whatever the input dtype (a more accurate inverse), then casts back to A's dtype."""


def discretize_bilinear(A, B, sample_period):
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if B.dim() < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m)")
    if sample_period <= 0:
        raise ValueError("sample_period must be positive")
    A64, B64 = A.double(), B.double()
    I = torch.eye(A.shape[-1], dtype=torch.float64, device=A.device)
    M = torch.linalg.inv(I - A64 * sample_period / 2)
    return (M @ (I + A64 * sample_period / 2)).to(A.dtype), (M @ B64 * sample_period).to(A.dtype)
