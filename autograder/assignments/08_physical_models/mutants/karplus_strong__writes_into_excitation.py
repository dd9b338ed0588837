"""Runs the recursion in place in excitation[:, :n_samples], a view of the caller's tensor when it is long enough."""
CATCHES = ["karplus_strong_does_not_modify_inputs"]


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
    y = excitation[:, :n_samples]
    if y.shape[1] < n_samples:
        y = F.pad(y, (0, n_samples - y.shape[1]))
    for n in range(delay, n_samples):
        earlier = y[:, n - delay - 1] if n - delay - 1 >= 0 else torch.zeros_like(y[:, 0])
        y[:, n] = y[:, n] + g * (y[:, n - delay] + earlier) / 2
    return y
