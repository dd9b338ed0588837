"""Loops over every multi-index with numpy.ndindex, perturbing clones of x by index assignment."""


def central_difference_grad(f, x, eps=1e-6):
    if eps <= 0:
        raise ValueError(f"eps must be > 0 (got {eps})")
    grad = torch.empty_like(x)
    with torch.no_grad():
        for index in np.ndindex(*x.shape):
            x_plus = x.clone()
            x_minus = x.clone()
            x_plus[index] = x[index] + eps
            x_minus[index] = x[index] - eps
            grad[index] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad
