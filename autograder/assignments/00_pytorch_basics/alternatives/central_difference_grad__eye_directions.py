"""Takes the perturbation directions from the rows of an identity matrix and stacks the results."""


def central_difference_grad(f, x, eps=1e-6):
    if eps <= 0:
        raise ValueError(f"eps={eps} is not a positive step")
    n = x.numel()
    directions = eps * torch.eye(n, dtype=x.dtype, device=x.device).reshape(n, *x.shape)
    with torch.no_grad():
        diffs = [f(x + d) - f(x - d) for d in directions]
    return (torch.stack([torch.as_tensor(v, dtype=x.dtype) for v in diffs]) / (2 * eps)).reshape(x.shape)
