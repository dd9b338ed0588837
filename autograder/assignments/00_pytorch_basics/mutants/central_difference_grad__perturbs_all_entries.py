"""Moves every entry of x by eps at once and puts the same number in every entry.

(f(x + eps) - f(x - eps)) / (2 eps) is the derivative along the all-ones direction, the SUM of
the partial derivatives, not any one of them.
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients",
           "central_difference_grad_default_eps_is_accurate_in_float64"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    with torch.no_grad():
        slope = (f(x + eps) - f(x - eps)) / (2 * eps)
    return torch.ones_like(x) * slope
