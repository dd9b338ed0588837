"""Divides the central difference by eps instead of 2 * eps: every entry is twice too large.

The two evaluations are 2 * eps apart, so that is the run of the slope.
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients",
           "central_difference_grad_default_eps_is_accurate_in_float64"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = eps
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / eps
    return grad
