"""Perturbs x itself in place and never puts the entry back.

The caller's x is left changed, and every later entry is differentiated at a point that has
drifted by -eps in all earlier entries (wrong for any f that is not a sum of separate terms).
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients",
           "central_difference_grad_default_eps_is_accurate_in_float64",
           "central_difference_grad_does_not_modify_x"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    flat = x.view(-1)
    with torch.no_grad():
        for i in range(x.numel()):
            flat[i] += eps
            f_plus = f(x)
            flat[i] -= 2 * eps
            f_minus = f(x)
            grad.view(-1)[i] = (f_plus - f_minus) / (2 * eps)
    return grad
