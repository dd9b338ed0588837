"""Optimises [model.gain] directly, clears with model.zero_grad(), converts with float()."""


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError(f"target shape {tuple(target.shape)} differs from x shape {tuple(x.shape)}")
    model = LinearGain()
    optimizer = torch.optim.Adam([model.gain], lr=lr, betas=(0.9, 0.999))
    losses = []
    step = 0
    while step < n_steps:
        model.zero_grad()
        loss = loss_fn(model(x), target)
        losses.append(float(loss))
        loss.backward()
        optimizer.step()
        step += 1
    return float(model.gain), losses
