"""Returns scale_function of the raw harmonic parameters without normalising them to sum to one."""
CATCHES = ['match_harmonic_sound_reduces_the_spectral_loss',
           'match_harmonic_sound_recovers_the_harmonic_distribution']


def match_harmonic_sound(target, f0, n_harmonics, n_steps=200, lr=0.1, seed=0,
                         fft_sizes=(2048, 1024, 512, 256, 128, 64), progress=False):
    batch, n_frames = f0.shape
    generator = torch.Generator().manual_seed(seed)
    raw_harmonics = (0.1 * torch.randn(batch, n_harmonics, 1, generator=generator, dtype=target.dtype)).requires_grad_(True)
    raw_global = (0.1 * torch.randn(batch, n_frames, generator=generator, dtype=target.dtype)).requires_grad_(True)
    optimizer = torch.optim.Adam([raw_harmonics, raw_global], lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        prediction = harmonic_synth(f0, raw_global, raw_harmonics.expand(batch, -1, n_frames), target.shape[-1])
        loss = multi_resolution_stft_loss(prediction, target, fft_sizes)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():
        distribution = scale_function(raw_harmonics[..., 0])
        amplitude = scale_function(raw_global)
    return distribution, amplitude, losses
