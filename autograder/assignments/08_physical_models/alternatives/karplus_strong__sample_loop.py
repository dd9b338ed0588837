"""The recursion sample by sample, keeping the outputs in a list and stacking them at the end."""


def karplus_strong(excitation, delay, feedback, n_samples):
    if excitation.ndim != 2:
        raise ValueError("excitation must be (batch, n_excitation)")
    if type(delay) is not int or delay < 1:
        raise ValueError("delay must be a positive int")
    if n_samples < 1:
        raise ValueError("n_samples must be >= 1")
    batch, length = excitation.shape
    if torch.is_tensor(feedback):
        if feedback.ndim > 1 or (feedback.ndim == 1 and feedback.shape[0] != batch):
            raise ValueError("feedback must be 0-d or (batch,)")
        g = feedback.to(excitation.dtype)
    else:
        g = torch.tensor(float(feedback), dtype=excitation.dtype)
    zero = excitation.new_zeros(batch)
    y = []
    for n in range(n_samples):
        x_n = excitation[:, n] if n < length else zero
        later = y[n - delay] if n >= delay else zero
        earlier = y[n - delay - 1] if n >= delay + 1 else zero
        y.append(x_n + g * (later + earlier) / 2)
    return torch.stack(y, dim=1)
