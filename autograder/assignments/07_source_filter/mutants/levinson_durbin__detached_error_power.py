"""Divides by a detached error power (error.detach()): the values are right, the gradient is not."""
CATCHES = ["levinson_durbin_gradient_matches_finite_differences"]


def levinson_durbin(r, order):
    if r.dim() != 2:
        raise ValueError(f"r must be (batch, n_lags), got shape {tuple(r.shape)}")
    if order < 1:
        raise ValueError(f"order must be at least 1, got {order}")
    if r.shape[-1] < order + 1:
        raise ValueError(f"r has {r.shape[-1]} lags but order {order} needs at least order + 1 = {order + 1}")
    error = r[:, 0]
    a = r.new_zeros(r.shape[0], 0)                  # the order-0 predictor has no coefficients
    for i in range(1, order + 1):
        # How well the order-(i-1) filter already "predicts" lag i: r[i] + sum_j a_j r[i-j].
        acc = r[:, i] + (a * r[:, 1:i].flip(-1)).sum(dim=-1)
        k = -acc / error.detach()                            # reflection coefficient k_i
        a = torch.cat([a + k[:, None] * a.flip(-1), k[:, None]], dim=-1)
        error = error * (1 - k ** 2)                # E_i = (1 - k_i^2) E_{i-1}
    return a, error
