"""Never clears the gradients: each backward() adds to the sum of every earlier gradient, so
step k follows the sum of k gradients instead of the current one."""
CATCHES = ["fit_linear_model_takes_gradient_descent_steps_on_the_mse",
           "fit_linear_model_recovers_a_noiseless_line_with_defaults"]


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    if x.shape != y.shape:
        raise ValueError(f"y must have the shape of x; got {tuple(y.shape)} and {tuple(x.shape)}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    model = LinearModel()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(n_steps):
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
    return model
