"""Loops over range(len(x)) and perturbs x[i]: a whole row at a time for a 2-D x.

For a 1-D x this is right; for a 2-D x each row gets the sum of its partial derivatives, and a
0-d x has no len() at all.
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients",
           "central_difference_grad_default_eps_is_accurate_in_float64"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros_like(x)
    with torch.no_grad():
        for i in range(len(x)):
            x_plus, x_minus = x.clone(), x.clone()
            x_plus[i] += eps
            x_minus[i] -= eps
            grad[i] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad
