"""Updates the parameters by hand without torch.no_grad(): `model.slope -= lr * grad` on a
leaf that requires grad is refused by autograd, so the very first step raises."""
CATCHES = ["fit_linear_model_takes_gradient_descent_steps_on_the_mse",
           "fit_linear_model_recovers_a_noiseless_line_with_defaults",
           "fit_linear_model_accepts_float64_and_leaves_inputs_unchanged",
           "fit_linear_model_rejects_bad_arguments"]


def fit_linear_model(x, y, n_steps=500, lr=0.1):
    if x.shape != y.shape:
        raise ValueError(f"y must have the shape of x; got {tuple(y.shape)} and {tuple(x.shape)}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    model = LinearModel()
    for _ in range(n_steps):
        model.zero_grad()
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        model.slope -= lr * model.slope.grad
        model.intercept -= lr * model.intercept.grad
    return model
