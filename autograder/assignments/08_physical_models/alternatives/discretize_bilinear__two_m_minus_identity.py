"""Uses M (I + A T/2) = M (2 I - (I - A T/2)) = 2 M - I, so Ad needs only the inverse M."""


def discretize_bilinear(A, B, sample_period):
    if len(A.shape) < 2 or A.shape[-1] != A.shape[-2]:
        raise ValueError("A must be (..., S, S)")
    if len(B.shape) < 2 or B.shape[-2] != A.shape[-1]:
        raise ValueError("B must be (..., S, m) with the S of A")
    if not sample_period > 0:
        raise ValueError("sample_period must be positive")
    S = A.shape[-1]
    identity = torch.eye(S, dtype=A.dtype, device=A.device)
    M = torch.linalg.inv(identity - A * (sample_period / 2))
    return 2 * M - identity, torch.matmul(M, B) * sample_period
