"""Forward runs scipy in float64 for every dtype and casts back; backward computes grad_a as a cross-
correlation with conv1d."""


class AllPoleFilter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, a):
        if x.dim() != 2 or x.shape[-1] < 1:
            raise ValueError("x must be (batch, n_samples)")
        if a.dim() not in (1, 2) or (a.dim() == 2 and a.shape[0] != x.shape[0]):
            raise ValueError("a must be (p,) or (batch, p) with one row per item of x")
        signal = x.detach().cpu().double().numpy()
        rows = a.detach().cpu().double().numpy()
        if rows.ndim == 1:
            rows = np.broadcast_to(rows, (signal.shape[0], rows.shape[0]))
        out = np.stack([scipy.signal.lfilter([1.0], np.r_[1.0, row], item) for item, row in zip(signal, rows)])
        y = torch.as_tensor(out, dtype=x.dtype, device=x.device)
        ctx.save_for_backward(a, y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        a, y = ctx.saved_tensors
        grad_x = AllPoleFilter.apply(grad_y.flip(-1), a).flip(-1)
        batch, n = y.shape
        p = a.shape[-1]
        # correlation[b, j] = sum_n grad_x[b, n] y[b, n - 1 - j], j = 0 .. p-1 (grouped conv1d, one group per item)
        padded = F.pad(y, (p, 0))[:, :n + p - 1].unsqueeze(0)                   # y[n - p] ... y[n - 1]
        corr = F.conv1d(padded, grad_x.unsqueeze(1), groups=batch)[0]          # (batch, p): lag p .. 1
        grad_a = -corr.flip(-1)
        return grad_x, grad_a.sum(dim=0) if a.dim() == 1 else grad_a
