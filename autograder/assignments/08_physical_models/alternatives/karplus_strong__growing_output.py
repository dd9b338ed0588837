"""Block by block (delay samples at a time), appending each block to a growing output tensor with torch.cat."""


def karplus_strong(excitation, delay, feedback, n_samples):
    if excitation.dim() != 2:
        raise ValueError("excitation must be 2-D")
    if isinstance(delay, bool) or not isinstance(delay, int) or delay <= 0:
        raise ValueError(f"delay must be an integer >= 1, got {delay}")
    if n_samples <= 0:
        raise ValueError("n_samples must be positive")
    batch = excitation.shape[0]
    g = torch.as_tensor(feedback, dtype=excitation.dtype, device=excitation.device)
    if g.dim() == 1 and g.shape[0] == batch:
        g = g.unsqueeze(1)
    elif g.dim() != 0:
        raise ValueError(f"feedback must be a number, 0-d or ({batch},), got {tuple(g.shape)}")
    x = torch.zeros(batch, n_samples, dtype=excitation.dtype, device=excitation.device)
    keep = min(n_samples, excitation.shape[1])
    x = torch.cat([excitation[:, :keep], x[:, keep:]], dim=1)
    y = x.new_zeros(batch, delay + 1)                        # y[-D-1 .. -1] = 0, then the output
    for start in range(0, n_samples, delay):
        stop = min(start + delay, n_samples)
        # column j of y holds time j - D - 1
        y = torch.cat([y, x[:, start:stop] + g * 0.5 * (y[:, start + 1:stop + 1] + y[:, start:stop])], dim=1)
    return y[:, delay + 1:]
