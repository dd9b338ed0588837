"""The learned quantities live in a torch.nn.Module (nn.Parameters); the noise is drawn in float64 and cast, so its values differ from the reference's."""


class _Voice(torch.nn.Module):
    def __init__(self, formants, bandwidths, log_gain, source, noise, sample_rate):
        super().__init__()
        self.log_formants = torch.nn.Parameter(formants.log())
        self.log_bandwidths = torch.nn.Parameter(bandwidths.log())
        self.log_gain = torch.nn.Parameter(log_gain)
        self.log_noise = torch.nn.Parameter(torch.full_like(log_gain, math.log(0.01)))
        self.source, self.noise, self.sample_rate = source, noise, sample_rate

    def forward(self):
        a = formant_filter(self.log_formants.exp(), self.log_bandwidths.exp(), self.sample_rate)
        return all_pole_filter(self.log_gain.exp() * (self.source + self.log_noise.exp() * self.noise), a)


def fit_voice(target, f0, table, sample_rate, init_formants_hz, init_bandwidths_hz,
              n_steps=150, lr=0.03, seed=0, progress=False):
    if target.dim() != 2:
        raise ValueError("target must be 2-D (batch, n_samples)")
    batch, n_samples = target.shape
    if f0.dim() != 2 or f0.shape[0] != batch:
        raise ValueError("f0 must be (batch, n_frames) with the batch of target")
    if init_formants_hz.dim() != 2 or init_formants_hz.shape[0] != batch:
        raise ValueError("init_formants_hz must be (batch, n_formants)")
    if init_bandwidths_hz.shape != init_formants_hz.shape:
        raise ValueError("init_bandwidths_hz must match init_formants_hz")
    if n_steps < 1:
        raise ValueError("n_steps must be at least 1")
    dtype = target.dtype
    generator = torch.Generator().manual_seed(seed)
    noise = torch.randn(batch, n_samples, generator=generator, dtype=torch.float64).to(dtype)
    source = wavetable_oscillator(table.to(dtype), f0.to(dtype), n_samples)
    voice = _Voice(init_formants_hz.to(dtype), init_bandwidths_hz.to(dtype), torch.zeros(batch, 1, dtype=dtype),
                   source, noise, sample_rate)
    with torch.no_grad():
        voice.log_gain.copy_(torch.log(target.std(dim=-1, keepdim=True) / voice().std(dim=-1, keepdim=True)))
    optimizer = torch.optim.Adam(voice.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss = voice_loss(voice(), target, sample_rate)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    with torch.no_grad():
        return {"formants_hz": voice.log_formants.exp(), "bandwidths_hz": voice.log_bandwidths.exp(),
                "gain": voice.log_gain.exp()[:, 0], "noise_level": voice.log_noise.exp()[:, 0],
                "voice": voice(), "losses": losses}
