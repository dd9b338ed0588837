"""Ignores loss_fn and always minimises the mean squared error."""
CATCHES = ["fit_gain_minimises_the_given_loss"]


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError("target must have the shape of x")
    model = LinearGain(1.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = torch.mean((model(x) - target) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model.gain.item(), losses
