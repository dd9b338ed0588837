"""The recursion written with Python lists of (batch,) columns and explicit loops over j."""


def levinson_durbin(r, order):
    if r.dim() != 2:
        raise ValueError(f"r must be 2-D, got {tuple(r.shape)}")
    if order < 1:
        raise ValueError(f"order must be >= 1, got {order}")
    if r.shape[-1] < order + 1:
        raise ValueError(f"r needs order + 1 = {order + 1} lags for this order, it has {r.shape[-1]}")
    a = []                                   # a[j - 1] is the (batch,) column of a_j
    error = r[:, 0]
    for i in range(1, order + 1):
        delta = r[:, i]
        for j in range(1, i):
            delta = delta + a[j - 1] * r[:, i - j]
        k = -delta / error
        a = [a[j - 1] + k * a[i - j - 1] for j in range(1, i)] + [k]
        error = error * (1 - k * k)
    return torch.stack(a, dim=-1), error
