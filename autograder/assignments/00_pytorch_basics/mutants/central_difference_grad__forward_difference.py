"""A forward difference (f(x + eps e_i) - f(x)) / eps instead of the central one.

Its error is eps / 2 * f'' (first order in eps), not eps**2 / 6 * f''' (second order): at
eps = 1e-2 it is about a hundred times larger than the central difference's.
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients",
           "central_difference_grad_default_eps_is_accurate_in_float64"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    f0 = f(x)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = eps
            grad.view(-1)[i] = (f(x + step.reshape(x.shape)) - f0) / eps
    return grad
