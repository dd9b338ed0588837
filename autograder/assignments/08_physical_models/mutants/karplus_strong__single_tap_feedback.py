"""Feeds back a single tap, y[n] = x[n] + g y[n-D]: a comb filter with no averaging (lowpass) in the loop."""
CATCHES = ["karplus_strong_matches_numpy_loop", "karplus_strong_takes_feedback_per_item",
           "karplus_strong_handles_delay_one_and_a_long_excitation", "karplus_strong_gradient_wrt_feedback",
           "karplus_strong_gradients_wrt_excitation_and_0d_feedback"]


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
    g = g[:, None] if g.dim() == 1 else g
    x = excitation[:, :n_samples]
    x = F.pad(x, (0, n_samples - x.shape[1]))
    y = []
    past = lambda k: y[n - k] if n - k >= 0 else torch.zeros_like(x[:, :1])
    for n in range(n_samples):
        y.append(x[:, n:n + 1] + g * past(delay))
    return torch.cat(y, dim=1)
