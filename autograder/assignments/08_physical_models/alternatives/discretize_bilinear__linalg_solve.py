"""Solves (I - A T/2) X = (I + A T/2) and (I - A T/2) Y = B T with torch.linalg.solve instead of inverting."""


def discretize_bilinear(A, B, sample_period):
    if A.ndim < 2 or A.shape[-2] != A.shape[-1]:
        raise ValueError(f"A must be square in its last two dimensions, got {tuple(A.shape)}")
    if B.ndim < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError(f"B must have {A.shape[-1]} rows, got {tuple(B.shape)}")
    if sample_period <= 0:
        raise ValueError("sample_period must be > 0")
    half = 0.5 * sample_period * A
    eye = torch.eye(A.shape[-1], dtype=A.dtype, device=A.device).expand_as(A)
    Ad = torch.linalg.solve(eye - half, eye + half)
    lead = torch.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    left = (eye - half).expand(*lead, *A.shape[-2:])
    Bd = torch.linalg.solve(left, B.expand(*lead, *B.shape[-2:]) * sample_period)
    return Ad, Bd
