"""Leaves the formants out of the optimiser: only bandwidths, gain and noise are learned."""
CATCHES = ["fit_voice_recovers_the_formants"]


def fit_voice(target, f0, table, sample_rate, init_formants_hz, init_bandwidths_hz,
              n_steps=150, lr=0.03, seed=0, progress=False):
    if target.dim() != 2:
        raise ValueError(f"target must be (batch, n_samples), got shape {tuple(target.shape)}")
    batch, n_samples = target.shape
    if f0.dim() != 2 or f0.shape[0] != batch:
        raise ValueError(f"f0 must be (batch, n_frames) with batch {batch}, got shape {tuple(f0.shape)}")
    if init_formants_hz.dim() != 2 or init_formants_hz.shape[0] != batch:
        raise ValueError(f"init_formants_hz must be (batch, n_formants) with batch {batch}, "
                         f"got shape {tuple(init_formants_hz.shape)}")
    if init_bandwidths_hz.shape != init_formants_hz.shape:
        raise ValueError(f"init_bandwidths_hz must have the shape of init_formants_hz "
                         f"{tuple(init_formants_hz.shape)}, got {tuple(init_bandwidths_hz.shape)}")
    if n_steps < 1:
        raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    dtype, device = target.dtype, target.device
    generator = torch.Generator().manual_seed(seed)
    noise = torch.randn(batch, n_samples, generator=generator, dtype=dtype).to(device)
    source = wavetable_oscillator(table.to(dtype), f0.to(dtype), n_samples)
    log_formants = init_formants_hz.to(dtype).log().clone().requires_grad_(True)
    log_bandwidths = init_bandwidths_hz.to(dtype).log().clone().requires_grad_(True)
    log_noise = torch.full((batch, 1), math.log(0.01), dtype=dtype, device=device, requires_grad=True)

    def synthesise(log_gain):
        a = formant_filter(log_formants.exp(), log_bandwidths.exp(), sample_rate)
        return all_pole_filter(log_gain.exp() * (source + log_noise.exp() * noise), a)

    with torch.no_grad():
        start = synthesise(torch.zeros(batch, 1, dtype=dtype, device=device))
        log_gain = torch.log(target.pow(2).mean(-1, keepdim=True).sqrt()
                             / start.pow(2).mean(-1, keepdim=True).sqrt())
    log_gain.requires_grad_(True)
    optimizer = torch.optim.Adam([log_bandwidths, log_gain, log_noise], lr=lr)
    losses = []
    for _ in tqdm(range(n_steps), desc="fitting the voice", disable=not progress):
        optimizer.zero_grad()
        loss = voice_loss(synthesise(log_gain), target, sample_rate)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():
        voice = synthesise(log_gain)
    return {"formants_hz": log_formants.detach().exp(), "bandwidths_hz": log_bandwidths.detach().exp(),
            "gain": log_gain.detach().exp()[:, 0], "noise_level": log_noise.detach().exp()[:, 0],
            "voice": voice, "losses": losses}
