"""Moves the model to x's dtype, uses F.mse_loss and torch.optim.SGD with set_to_none zeroing."""


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    if y.shape != x.shape:
        raise ValueError(f"y must match x in shape, got {tuple(y.shape)} vs {tuple(x.shape)}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be non-negative, got {n_steps}")
    model = LinearModel().to(dtype=x.dtype, device=x.device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
    for _ in range(n_steps):
        optimizer.zero_grad(set_to_none=True)
        torch.nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    return model
