"""No shape check: a (1, N) target silently broadcasts against a (2, N) input."""
CATCHES = ["fit_gain_rejects_mismatched_target"]


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    model = LinearGain(1.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model.gain.item(), losses
