"""Scalar test functions that 00's hidden tests hand to ``central_difference_grad``.

Imported by the fork server before any sandbox (see ``autograder.assignments``): plain
torch and numpy, nothing from the grader.
"""
import numpy as np
import torch


def _as_tensor(value, like):
    return torch.as_tensor(value, dtype=like.dtype, device=like.device)


LIBRARY = {
    "cubic_sum": lambda: lambda x: torch.sum(x ** 3),
    "weighted_sin": lambda w: lambda x: torch.sum(_as_tensor(w, x) * torch.sin(x)),
    "quadratic": lambda m: lambda x: torch.sum(x * (_as_tensor(m, x) @ x.reshape(-1)).reshape(x.shape)),
    "exp_dot": lambda w: lambda x: torch.exp(torch.sum(_as_tensor(w, x) * x)),
    # A black box autograd cannot follow: sum(w * sin(x)) computed in float64 NumPy, returned
    # as a 0-d tensor of x's dtype (for finite differences that must not rely on autograd).
    "numpy_weighted_sin": lambda w: lambda x: torch.as_tensor(
        float(np.sum(np.asarray(w, np.float64) * np.sin(torch.Tensor.detach(x).cpu().numpy().astype(np.float64)))),
        dtype=x.dtype, device=x.device),
}
