"""Inverts (I - A T / 2) after casting it to float32 (an identity made in the default dtype): float64 is lost."""
CATCHES = ["discretize_bilinear_keeps_float64", "discretize_bilinear_warps_an_undamped_oscillator"]


def discretize_bilinear(A, B, sample_period):
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if B.dim() < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m)")
    if sample_period <= 0:
        raise ValueError("sample_period must be positive")
    I = torch.eye(A.shape[-1])
    M = torch.linalg.inv(I - (A * sample_period / 2).to(I.dtype))
    return M @ (I + (A * sample_period / 2).to(I.dtype)), sample_period * (M @ B.to(I.dtype))
