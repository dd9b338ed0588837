"""Centres x in place (x -= x.mean()) to speed up the fit, then corrects the intercept.

Centring is a fine idea, but done in place it overwrites the caller's data, and gradient
descent on centred data takes a different path from gradient descent on x itself.
"""
CATCHES = ["fit_linear_model_accepts_float64_and_leaves_inputs_unchanged",
           "fit_linear_model_takes_gradient_descent_steps_on_the_mse"]


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    if x.shape != y.shape:
        raise ValueError(f"y must have the shape of x; got {tuple(y.shape)} and {tuple(x.shape)}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    mean = x.mean()
    x -= mean
    model = LinearModel()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        model.intercept -= model.slope * mean
    return model
