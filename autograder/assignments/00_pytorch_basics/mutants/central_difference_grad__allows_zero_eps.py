"""Checks eps < 0 but lets eps = 0 through: the result is 0 / 0 = NaN instead of an error."""
CATCHES = ["central_difference_grad_rejects_nonpositive_eps"]


def central_difference_grad(f, x, eps=1e-6):
    if eps < 0:
        raise ValueError(f"eps must not be negative, got eps={eps}")
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = eps
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad
