"""Returns the fitted module instead of its gain as a float."""
CATCHES = ["fit_gain_returns_gain_and_one_loss_per_step",
           "fit_gain_follows_adam_from_unit_gain",
           "fit_gain_minimises_the_given_loss",
           "fit_gain_recovers_the_true_gain"]


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError("target must have the shape of x")
    model = LinearGain(1.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
