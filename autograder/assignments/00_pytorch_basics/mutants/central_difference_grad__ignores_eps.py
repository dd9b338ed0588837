"""Always steps by 1e-6, whatever eps the caller passes.

In float32 a step of 1e-6 is about 8 units in the last place of x = 1: the difference of the
two values of f is mostly rounding noise, divided by a tiny 2e-6.
"""
CATCHES = ["central_difference_grad_matches_analytic_gradients"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    h = 1e-6
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = h
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad
