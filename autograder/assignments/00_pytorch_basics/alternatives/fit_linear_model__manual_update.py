"""Plain gradient descent written by hand: backward, then param -= lr * grad under no_grad."""


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    if tuple(x.shape) != tuple(y.shape):
        raise ValueError("x and y must have the same shape (check y)")
    if n_steps < 0:
        raise ValueError("n_steps cannot be negative")
    model = LinearModel()
    for _ in range(n_steps):
        for p in model.parameters():
            p.grad = None
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    return model
