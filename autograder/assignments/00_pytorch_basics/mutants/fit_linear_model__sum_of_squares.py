"""Minimises the SUM of squared errors instead of the mean.

The gradient is n_points times larger, so each step at the same lr is n_points times longer:
the path differs, and with many points gradient descent overshoots and diverges.
"""
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
        optimizer.zero_grad()
        loss = torch.sum((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
    return model
