"""Moves the model to the input's dtype and device; clears gradients with set_to_none=False."""


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError("x and target differ in shape")
    model = LinearGain(gain=1.0).to(dtype=x.dtype, device=x.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad(set_to_none=False)
        prediction = model(x)
        loss = loss_fn(prediction, target)
        loss.backward()
        optimizer.step()
        losses.append(loss.detach().cpu().item())
    return model.gain.detach().cpu().item(), losses
