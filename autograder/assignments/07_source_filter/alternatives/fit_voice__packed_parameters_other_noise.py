"""All learned logs packed in one (batch, 2 n_formants + 2) tensor; the noise comes from a generator seeded with seed + 1000 (another realisation); the gain starts from the ratio of standard deviations."""


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
    generator = torch.Generator().manual_seed(seed + 1000)
    noise = torch.randn(batch, n_samples, generator=generator, dtype=dtype).to(device)
    source = wavetable_oscillator(table.to(dtype), f0.to(dtype), n_samples)
    n_formants = init_formants_hz.shape[1]
    packed = torch.cat([init_formants_hz.to(dtype).log(), init_bandwidths_hz.to(dtype).log(),
                        torch.full((batch, 2), math.log(0.01), dtype=dtype, device=device)], dim=-1)
    log_formants, log_bandwidths, log_noise = packed[:, :n_formants], packed[:, n_formants:2 * n_formants], packed[:, -1:]

    def synthesise(log_gain):
        a = formant_filter(log_formants.exp(), log_bandwidths.exp(), sample_rate)
        return all_pole_filter(log_gain.exp() * (source + log_noise.exp() * noise), a)

    with torch.no_grad():
        start = synthesise(torch.zeros(batch, 1, dtype=dtype, device=device))
        packed[:, -2:-1] = torch.log(target.std(dim=-1, keepdim=True) / start.std(dim=-1, keepdim=True))
    packed.requires_grad_(True)

    def unpack():
        return packed[:, :n_formants], packed[:, n_formants:2 * n_formants], packed[:, -2:-1], packed[:, -1:]

    def synthesise(log_gain):
        log_f, log_b, _, log_n = unpack()
        a = formant_filter(log_f.exp(), log_b.exp(), sample_rate)
        return all_pole_filter(log_gain.exp() * (source + log_n.exp() * noise), a)

    optimizer = torch.optim.Adam([packed], lr=lr)
    losses = []
    for _ in tqdm(range(n_steps), desc="fitting the voice", disable=not progress):
        optimizer.zero_grad()
        loss = voice_loss(synthesise(unpack()[2]), target, sample_rate)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():
        log_f, log_b, log_g, log_n = unpack()
        return {"formants_hz": log_f.exp(), "bandwidths_hz": log_b.exp(), "gain": log_g.exp()[:, 0],
                "noise_level": log_n.exp()[:, 0], "voice": synthesise(log_g), "losses": losses}
