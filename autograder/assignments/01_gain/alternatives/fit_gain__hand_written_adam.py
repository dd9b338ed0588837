"""Adam written out by hand (Kingma & Ba 2015, PyTorch's defaults) instead of torch.optim.Adam."""


def fit_gain(x, target, loss_fn, n_steps=500, lr=0.01):
    if x.shape != target.shape:
        raise ValueError("target must have the shape of x")
    model = LinearGain(1.0)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    m = torch.zeros_like(model.gain)
    v = torch.zeros_like(model.gain)
    losses = []
    for t in range(1, n_steps + 1):
        model.gain.grad = None
        loss = loss_fn(model(x), target)
        loss.backward()
        with torch.no_grad():
            g = model.gain.grad
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            m_hat = m / (1 - beta1 ** t)
            v_hat = v / (1 - beta2 ** t)
            model.gain -= lr * m_hat / (torch.sqrt(v_hat) + eps)
        losses.append(loss.item())
    return model.gain.item(), losses
