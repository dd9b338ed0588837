"""Checks nothing: a 1-D x is filtered as it is, and a (2, p) a for a batch of 3 fails inside zip or
NumPy without a ValueError."""
CATCHES = [
    'all_pole_filter_rejects_bad_arguments',
]


class AllPoleFilter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, a):
        signal = x.detach().cpu().numpy()
        one = np.ones(1, dtype=signal.dtype)
        coeffs = a.detach().cpu().numpy().astype(signal.dtype)
        if coeffs.ndim == 1:
            out = scipy.signal.lfilter(one, np.concatenate([one, coeffs]), signal, axis=-1)
        else:
            out = np.stack([scipy.signal.lfilter(one, np.concatenate([one, row]), item)
                            for item, row in zip(signal, coeffs)])
        y = torch.from_numpy(np.ascontiguousarray(out)).to(device=x.device, dtype=x.dtype)
        ctx.save_for_backward(a, y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        a, y = ctx.saved_tensors
        grad_x = AllPoleFilter.apply(grad_y.flip(-1), a).flip(-1)
        n_samples = y.shape[-1]
        grad_a = torch.stack([-(grad_x[:, k:] * y[:, :n_samples - k]).sum(dim=-1)
                              for k in range(1, a.shape[-1] + 1)], dim=-1)
        if a.dim() == 1:
            grad_a = grad_a.sum(dim=0)
        return grad_x, grad_a
