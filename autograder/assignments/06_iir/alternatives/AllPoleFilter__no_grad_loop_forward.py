"""Forward runs iir_naive (autograd records nothing inside forward); grad_a comes from a zero-padded
output and a stack of delayed copies."""


class AllPoleFilter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, a):
        y = iir_naive(x, a)
        ctx.save_for_backward(a, y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        a, y = ctx.saved_tensors
        grad_x = AllPoleFilter.apply(torch.flip(grad_y, dims=[-1]), a)
        grad_x = torch.flip(grad_x, dims=[-1])
        p, n = a.shape[-1], y.shape[-1]
        padded = F.pad(y, (p, 0))
        delayed = torch.stack([padded[:, p - k:p - k + n] for k in range(1, p + 1)], dim=1)   # (batch, p, n)
        grad_a = -torch.einsum("bn,bkn->bk", grad_x, delayed)
        return grad_x, grad_a.sum(dim=0) if a.dim() == 1 else grad_a
