"""Multiplies M and (I + A T / 2) elementwise (*) instead of as matrices (@)."""
CATCHES = ["discretize_bilinear_matches_scipy_cont2discrete", "discretize_bilinear_handles_an_unbatched_system",
           "discretize_bilinear_broadcasts_leading_dimensions", "discretize_bilinear_warps_an_undamped_oscillator",
           "discretize_bilinear_gradients_match_closed_form"]


def discretize_bilinear(A, B, sample_period):
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if B.dim() < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m)")
    if sample_period <= 0:
        raise ValueError("sample_period must be positive")
    I = torch.eye(A.shape[-1], dtype=A.dtype, device=A.device)
    M = torch.linalg.inv(I - A * sample_period / 2)
    return M * (I + A * sample_period / 2), sample_period * (M @ B)
