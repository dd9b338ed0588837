"""Accumulates the phase of f0 once and uses k times it for harmonic k (equal in exact arithmetic),
normalising frame by frame with a Python loop over the batch."""


def harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    if f0.dim() != 2:
        raise ValueError("f0 must be (batch, n_frames)")
    if global_amplitude.shape != f0.shape:
        raise ValueError("global_amplitude must have the shape of f0")
    if (harmonic_amplitudes.dim() != 3 or harmonic_amplitudes.shape[0] != f0.shape[0]
            or harmonic_amplitudes.shape[2] != f0.shape[1]):
        raise ValueError("harmonic_amplitudes has the wrong shape")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    frequencies = harmonic_frequencies(f0, harmonic_amplitudes.shape[1])
    harmonics = remove_above_nyquist(scale_function(harmonic_amplitudes), frequencies)
    items = []
    for b in range(f0.shape[0]):
        total = harmonics[b].sum(dim=0, keepdim=True)
        safe = torch.where(total == 0, torch.ones_like(total), total)
        items.append(harmonics[b] / safe)
    distribution = torch.stack(items)
    amplitudes = upsample(scale_function(global_amplitude)[:, None, :] * distribution, n_samples)
    omega = upsample(f0, n_samples)
    phase = torch.cumsum(omega, dim=-1) - omega
    k = torch.arange(1, harmonic_amplitudes.shape[1] + 1, dtype=f0.dtype, device=f0.device)
    return torch.sum(amplitudes * torch.sin(k[None, :, None] * phase[:, None, :]), dim=1)
