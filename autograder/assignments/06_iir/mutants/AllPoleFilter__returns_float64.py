"""Builds the denominator from Python floats, so lfilter computes in float64, and returns that array as
it is: float32 inputs come back as float64."""
CATCHES = [
    'all_pole_filter_works_in_float32_with_gradients',
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
        one = np.ones(1)
        coeffs = a.detach().cpu().numpy()
        if coeffs.ndim == 1:
            out = scipy.signal.lfilter(one, np.concatenate([one, coeffs]), signal, axis=-1)
        else:
            out = np.stack([scipy.signal.lfilter(one, np.concatenate([one, row]), item)
                            for item, row in zip(signal, coeffs)])
        y = torch.from_numpy(np.ascontiguousarray(out)).to(device=x.device)
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
