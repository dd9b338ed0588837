"""Allocates the result with torch.zeros(x.shape): float32 whatever x's dtype.

float64 in gives float32 out, which throws away the digits a float64 check is run for.
"""
CATCHES = ["central_difference_grad_default_eps_is_accurate_in_float64"]


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError(f"eps must be positive, got eps={eps}")
    grad = torch.zeros(x.shape)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = eps
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad
