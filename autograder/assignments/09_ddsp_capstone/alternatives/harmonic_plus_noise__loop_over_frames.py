"""The noise part written out: one windowed filter per frame, convolved with its block by
F.conv1d in a Python loop and overlap-added; the harmonic part from harmonic_synth."""


def harmonic_plus_noise(f0_hz, global_amplitude, harmonic_amplitudes, noise_magnitudes, noise, sample_rate):
    if f0_hz.ndim != 2:
        raise ValueError("f0_hz: expected (batch, n_frames)")
    b, t = f0_hz.shape
    if tuple(global_amplitude.shape) != (b, t):
        raise ValueError("global_amplitude: expected the shape of f0_hz")
    if harmonic_amplitudes.ndim != 3 or harmonic_amplitudes.shape[0] != b or harmonic_amplitudes.shape[-1] != t:
        raise ValueError("harmonic_amplitudes: expected (batch, n_harmonics, n_frames)")
    if noise_magnitudes.ndim != 3 or noise_magnitudes.shape[0] != b or noise_magnitudes.shape[-1] != t:
        raise ValueError("noise_magnitudes: expected (batch, n_bands, n_frames)")
    if noise_magnitudes.shape[1] < 2:
        raise ValueError("noise_magnitudes: n_bands must be at least 2")
    if noise.ndim != 2 or noise.shape[0] != b or noise.shape[1] == 0 or noise.shape[1] % t != 0:
        raise ValueError("noise: expected (batch, k * n_frames)")
    if not sample_rate > 0:
        raise ValueError("sample_rate: must be positive")
    n = noise.shape[1]
    hop = n // t
    harmonic = harmonic_synth(f0_hz * (2 * math.pi / sample_rate), global_amplitude, harmonic_amplitudes, n)
    filters = fir_window_design(scale_function(noise_magnitudes).permute(0, 2, 1))   # (b, t, n_taps)
    n_taps = filters.shape[-1]
    out = noise.new_zeros(b, t * hop + n_taps - 1)
    pieces = []
    for i in range(t):
        block = noise[:, i * hop:(i + 1) * hop]
        # conv1d is a correlation: flip the filter; groups=b filters each item with its own response
        y = F.conv1d(F.pad(block, (n_taps - 1, n_taps - 1))[None], filters[:, i].flip(-1)[:, None, :], groups=b)[0]
        pieces.append(F.pad(y, (i * hop, out.shape[-1] - i * hop - y.shape[-1])))
    return harmonic + torch.stack(pieces).sum(dim=0)[:, :n]
