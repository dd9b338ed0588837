"""Turns feedback into a Python float (float(feedback)): no per-item gains and no gradient."""
CATCHES = ["karplus_strong_takes_feedback_per_item", "karplus_strong_gradient_wrt_feedback",
           "karplus_strong_gradients_wrt_excitation_and_0d_feedback", "karplus_strong_batch_of_one_matches_its_row",
           "karplus_strong_does_not_modify_inputs", "karplus_strong_rejects_bad_arguments"]


def karplus_strong(excitation, delay, feedback, n_samples):
    if excitation.dim() != 2:
        raise ValueError("excitation must be (batch, n_excitation)")
    if not isinstance(delay, int) or delay < 1:
        raise ValueError("delay must be an int >= 1")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    g = float(feedback)
    x = excitation[:, :n_samples]
    x = F.pad(x, (0, n_samples - x.shape[1]))
    y = []
    past = lambda k: y[n - k] if n - k >= 0 else torch.zeros_like(x[:, :1])
    for n in range(n_samples):
        y.append(x[:, n:n + 1] + g * (past(delay) + past(delay + 1)) / 2)
    return torch.cat(y, dim=1)
