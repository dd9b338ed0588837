"""Its own harmonic part: the phase of f0 accumulated once (in float64) and multiplied by k, equal to
harmonic k's own running sum in exact arithmetic; noise through filtered_noise."""


def harmonic_plus_noise(f0_hz, global_amplitude, harmonic_amplitudes, noise_magnitudes, noise, sample_rate):
    shapes = {"f0_hz": f0_hz.shape, "global_amplitude": global_amplitude.shape}
    if len(shapes["f0_hz"]) != 2:
        raise ValueError("f0_hz must be 2-D")
    if shapes["global_amplitude"] != shapes["f0_hz"]:
        raise ValueError("global_amplitude must match f0_hz")
    batch, n_frames = f0_hz.shape
    if harmonic_amplitudes.dim() != 3 or (harmonic_amplitudes.shape[0], harmonic_amplitudes.shape[2]) != (batch, n_frames):
        raise ValueError("harmonic_amplitudes must be (batch, n_harmonics, n_frames)")
    if noise_magnitudes.dim() != 3 or (noise_magnitudes.shape[0], noise_magnitudes.shape[2]) != (batch, n_frames) \
            or noise_magnitudes.shape[1] < 2:
        raise ValueError("noise_magnitudes must be (batch, n_bands >= 2, n_frames)")
    if noise.dim() != 2 or noise.shape[0] != batch or noise.shape[1] < 1 or noise.shape[1] % n_frames:
        raise ValueError("noise must be (batch, a multiple of n_frames)")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    n_samples = noise.shape[1]
    f0 = hz_to_radians(f0_hz, sample_rate)
    k = torch.arange(1, harmonic_amplitudes.shape[1] + 1, dtype=f0.dtype, device=f0.device)[None, :, None]
    kept = (f0[:, None, :] * k < math.pi).to(f0.dtype)
    harmonics = scale_function(harmonic_amplitudes) * kept
    total = harmonics.sum(dim=1, keepdim=True)
    distribution = harmonics / torch.clamp(total, min=1e-30)
    amplitudes = upsample(scale_function(global_amplitude)[:, None, :] * distribution, n_samples)
    omega = upsample(f0, n_samples).double()
    phase = (torch.cumsum(omega, dim=-1) - omega).to(f0.dtype)
    harmonic = torch.sum(amplitudes * torch.sin(k * phase[:, None, :]), dim=1)
    return harmonic + filtered_noise(scale_function(noise_magnitudes), noise)
