"""Scales the step with the entry, h = eps * |x_i|.

A relative step is a known refinement, but without a floor it is zero at x_i = 0: the
difference is 0 / 0 = NaN there (and the step is not the eps the caller asked for).
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    flat_x = x.reshape(-1)
    with torch.no_grad():
        for i in range(x.numel()):
            h = eps * abs(flat_x[i])
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = h
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad
