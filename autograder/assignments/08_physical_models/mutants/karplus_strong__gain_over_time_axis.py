"""Multiplies blocks of shape (batch, width) by a (batch,) feedback without g[:, None]: it broadcasts over time."""
CATCHES = ["karplus_strong_takes_feedback_per_item", "karplus_strong_gradient_wrt_feedback",
           "karplus_strong_batch_of_one_matches_its_row", "karplus_strong_does_not_modify_inputs"]


def karplus_strong(excitation, delay, feedback, n_samples):
    if excitation.dim() != 2:
        raise ValueError("excitation must be (batch, n_excitation)")
    if not isinstance(delay, int) or delay < 1:
        raise ValueError("delay must be an int >= 1")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    batch = excitation.shape[0]
    g = torch.as_tensor(feedback, dtype=excitation.dtype)
    if g.dim() > 1 or (g.dim() == 1 and g.shape[0] != batch):
        raise ValueError("feedback must be a number, 0-d or (batch,)")
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
