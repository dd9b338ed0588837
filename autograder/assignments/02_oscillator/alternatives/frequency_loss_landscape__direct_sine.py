"""Writes each unit sinusoid directly as sin(omega * n) over torch.arange instead of calling sinusoid."""


def frequency_loss_landscape(target_hz, candidates_hz, n_samples, sample_rate, loss_fn):
    c = torch.as_tensor(candidates_hz)
    if c.dim() != 1:
        raise ValueError("candidates_hz must be a 1-D list of frequencies in Hz")
    if n_samples < 1:
        raise ValueError("n_samples must be a positive integer")
    if not torch.is_floating_point(c):
        c = c.float()
    n = torch.arange(n_samples, dtype=c.dtype, device=c.device)
    target = torch.sin(hz_to_radians(torch.tensor(target_hz, dtype=c.dtype, device=c.device), sample_rate) * n)
    losses = []
    for i in range(len(c)):
        prediction = torch.sin(hz_to_radians(c[i], sample_rate) * n)
        losses.append(loss_fn(prediction.unsqueeze(0), target.unsqueeze(0)))
    return torch.stack(losses)
