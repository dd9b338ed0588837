"""Hands f0 in Hz to harmonic_synth, which expects radians per sample: every harmonic is above pi, so the harmonic part is silent."""
CATCHES = ['harmonic_plus_noise_harmonic_half_matches_numpy', 'harmonic_plus_noise_adds_both_halves', 'harmonic_plus_noise_gradients_match_finite_differences']


def harmonic_plus_noise(f0_hz, global_amplitude, harmonic_amplitudes, noise_magnitudes, noise, sample_rate):
    if f0_hz.dim() != 2:
        raise ValueError("f0_hz must be 2-D")
    batch, n_frames = f0_hz.shape
    if global_amplitude.shape != f0_hz.shape:
        raise ValueError("global_amplitude must be shaped like f0_hz")
    if harmonic_amplitudes.dim() != 3 or harmonic_amplitudes.shape[::2] != (batch, n_frames):
        raise ValueError("harmonic_amplitudes has the wrong shape")
    if noise_magnitudes.dim() != 3 or noise_magnitudes.shape[::2] != (batch, n_frames) or noise_magnitudes.shape[1] < 2:
        raise ValueError("noise_magnitudes has the wrong shape")
    if noise.dim() != 2 or noise.shape[0] != batch or noise.shape[1] % n_frames or noise.shape[1] < n_frames:
        raise ValueError("noise has the wrong shape")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    harmonic = harmonic_synth(f0_hz, global_amplitude, harmonic_amplitudes, noise.shape[-1])
    return harmonic + filtered_noise(scale_function(noise_magnitudes), noise)
