"""nn.Parameters starting at zero (no randomness), separate parameter groups, optimizer.zero_grad(set_to_none=True)."""


def match_harmonic_sound(target, f0, n_harmonics, n_steps=200, lr=0.1, seed=0,
                         fft_sizes=(2048, 1024, 512, 256, 128, 64), progress=False):
    if target.dim() != 2 or f0.dim() != 2:
        raise ValueError("target and f0 must be 2-D")
    torch.manual_seed(seed)
    batch, n_frames = f0.shape
    harmonic_logits = torch.nn.Parameter(torch.zeros(batch, n_harmonics, 1, dtype=target.dtype))
    loudness_logits = torch.nn.Parameter(torch.zeros(batch, n_frames, dtype=target.dtype))
    optimizer = torch.optim.Adam([{"params": [harmonic_logits]}, {"params": [loudness_logits]}], lr=lr)
    history = []
    for _ in tqdm(range(n_steps), disable=not progress):
        optimizer.zero_grad(set_to_none=True)
        audio = harmonic_synth(f0, loudness_logits, harmonic_logits.repeat(1, 1, n_frames), target.shape[-1])
        loss = multi_resolution_stft_loss(audio, target, fft_sizes=fft_sizes)
        loss.backward()
        optimizer.step()
        history.append(float(loss))
    weights = scale_function(harmonic_logits.detach()[:, :, 0])
    return weights / weights.sum(-1, keepdim=True), scale_function(loudness_logits.detach()), history
