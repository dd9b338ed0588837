"""Starts from gain 0.0 ("parameters start at zero") instead of 1.0."""
CATCHES = ["fit_gain_follows_adam_from_unit_gain", "fit_gain_minimises_the_given_loss"]


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError("target must have the shape of x")
    model = LinearGain(0.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model.gain.item(), losses
