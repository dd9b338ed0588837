"""Masks by multiplication and divides by the total clamped away from zero (safe: the total is 0 or >= 1e-7)."""


def harmonic_synth(f0, global_amplitude, harmonic_amplitudes, n_samples):
    if f0.dim() != 2:
        raise ValueError("f0 must be 2-D")
    if global_amplitude.shape != f0.shape:
        raise ValueError("global_amplitude must match f0")
    if harmonic_amplitudes.dim() != 3 or harmonic_amplitudes.shape[::2] != f0.shape:
        raise ValueError("harmonic_amplitudes must be (batch, n_harmonics, n_frames) like f0")
    n_harmonics = harmonic_amplitudes.shape[1]
    k = torch.arange(1, n_harmonics + 1, dtype=f0.dtype, device=f0.device)
    frequencies = f0.unsqueeze(1) * k.view(1, -1, 1)
    mask = (frequencies < math.pi).to(harmonic_amplitudes.dtype)
    harmonics = scale_function(harmonic_amplitudes) * mask
    distribution = harmonics / harmonics.sum(dim=1, keepdim=True).clamp(min=1e-30)
    amplitudes = scale_function(global_amplitude).unsqueeze(1) * distribution
    return additive_synth(amplitudes, frequencies, n_samples)
