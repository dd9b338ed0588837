"""Perturbs x in place and undoes it with arithmetic (+eps, -2 eps, +eps).

The values are right, but in floating point (x + eps) - 2 eps + eps is not always x: the
caller's tensor comes back changed in its last bits.
"""
CATCHES = ["central_difference_grad_does_not_modify_x"]


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
            flat[i] += eps
            grad.view(-1)[i] = (f_plus - f_minus) / (2 * eps)
    return grad
