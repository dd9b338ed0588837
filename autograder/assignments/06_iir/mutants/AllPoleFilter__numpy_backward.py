"""Computes both gradients in NumPy with lfilter: correct first derivatives that autograd cannot
differentiate again."""
CATCHES = [
    'all_pole_filter_second_order_gradients_match',
]


class AllPoleFilter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, a):
        if x.dim() != 2 or x.shape[-1] < 1:
            raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
        if a.dim() not in (1, 2):
            raise ValueError(f"a must be (p,) or (batch, p), got {tuple(a.shape)}")
        if a.dim() == 2 and a.shape[0] != x.shape[0]:
            raise ValueError("a needs one row per item of x")
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
        g = grad_y.detach().cpu().numpy()[:, ::-1]
        coeffs = a.detach().cpu().numpy().astype(g.dtype)
        one = np.ones(1, dtype=g.dtype)
        if coeffs.ndim == 1:
            gx = scipy.signal.lfilter(one, np.concatenate([one, coeffs]), g, axis=-1)[:, ::-1]
        else:
            gx = np.stack([scipy.signal.lfilter(one, np.concatenate([one, row]), item)
                           for item, row in zip(g, coeffs)])[:, ::-1]
        yn = y.detach().cpu().numpy()
        n = yn.shape[-1]
        ga = np.stack([-(gx[:, k:] * yn[:, :n - k]).sum(axis=-1) for k in range(1, coeffs.shape[-1] + 1)], axis=-1)
        if coeffs.ndim == 1:
            ga = ga.sum(axis=0)
        as_tensor = lambda v: torch.from_numpy(np.ascontiguousarray(v)).to(device=y.device, dtype=y.dtype)
        return as_tensor(gx), as_tensor(ga)
