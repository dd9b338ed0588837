"""Checks delay >= 1 but not that it is an int: delay = 2.5 fails later with a TypeError, not a ValueError."""
CATCHES = ["karplus_strong_rejects_bad_arguments"]


def karplus_strong(excitation, delay, feedback, n_samples):
    if excitation.dim() != 2:
        raise ValueError("excitation must be (batch, n_excitation)")
    if delay < 1:
        raise ValueError("delay must be at least 1")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    batch = excitation.shape[0]
    g = torch.as_tensor(feedback, dtype=excitation.dtype)
    if g.dim() > 1 or (g.dim() == 1 and g.shape[0] != batch):
        raise ValueError("feedback must be a number, 0-d or (batch,)")
    g = g[:, None] if g.dim() == 1 else g
    x = excitation[:, :n_samples]
    x = F.pad(x, (0, n_samples - x.shape[1]))
    blocks = []
    previous = x.new_zeros(batch, delay + 1)
    for start in range(0, n_samples, delay):
        width = min(delay, n_samples - start)
        block = x[:, start:start + width] + g * (previous[:, 1:width + 1] + previous[:, :width]) / 2
        blocks.append(block)
        previous = torch.cat([previous[:, -1:], block], dim=1)
    return torch.cat(blocks, dim=1)
