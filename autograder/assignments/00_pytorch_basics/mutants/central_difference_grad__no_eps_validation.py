"""Never validates eps: a negative eps silently flips the roles of the two evaluations, and
eps = 0 returns NaN, where a ValueError naming eps was asked for."""
CATCHES = ["central_difference_grad_rejects_nonpositive_eps"]


def central_difference_grad(f, x, eps=1e-6):
    grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    with torch.no_grad():
        for i in range(x.numel()):
            step = torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
            step[i] = eps
            step = step.reshape(x.shape)
            grad.view(-1)[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad
