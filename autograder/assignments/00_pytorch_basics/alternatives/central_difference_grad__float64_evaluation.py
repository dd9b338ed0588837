"""Evaluates f at float64 copies of the perturbed points and rounds the result back to x's dtype."""


def central_difference_grad(f, x, eps=1e-6):
    if not eps > 0:
        raise ValueError("central_difference_grad: eps must be positive")
    x64 = x.detach().to(torch.float64)
    values = []
    for i in range(x.numel()):
        step = torch.zeros(x.numel(), dtype=torch.float64, device=x.device)
        step[i] = eps
        step = step.view(x.shape)
        f_plus = torch.as_tensor(f(x64 + step), dtype=torch.float64)
        f_minus = torch.as_tensor(f(x64 - step), dtype=torch.float64)
        values.append((f_plus - f_minus) / (2 * eps))
    return torch.stack(values).reshape(x.shape).to(x.dtype) if values else torch.zeros_like(x)
