"""Optimises in float64 and returns float32 results; wraps the loss in a closure passed to optimizer.step."""


def match_harmonic_sound(target, f0, n_harmonics, n_steps=200, lr=0.1, seed=0,
                         fft_sizes=(2048, 1024, 512, 256, 128, 64), progress=False):
    g = torch.Generator().manual_seed(seed)
    batch, n_frames = f0.shape
    target64, f064 = target.double(), f0.double()
    raw_h = (0.1 * torch.randn(batch, n_harmonics, 1, generator=g, dtype=torch.float64)).requires_grad_()
    raw_a = (0.1 * torch.randn(batch, n_frames, generator=g, dtype=torch.float64)).requires_grad_()
    opt = torch.optim.Adam([raw_h, raw_a], lr=lr)
    losses = []

    def closure():
        opt.zero_grad()
        pred = harmonic_synth(f064, raw_a, raw_h.expand(-1, -1, n_frames), target.shape[-1])
        loss = multi_resolution_stft_loss(pred, target64, fft_sizes)
        loss.backward()
        losses.append(loss.item())
        return loss

    for _ in range(n_steps):
        opt.step(closure)
    with torch.no_grad():
        h = scale_function(raw_h.squeeze(-1))
        return (h / h.sum(dim=1, keepdim=True)).to(target.dtype), scale_function(raw_a).to(target.dtype), losses
