"""Frames start at sample 0 (center=False): no padding, fewer frames, frames not centred."""
CATCHES = ['stft_magnitude_matches_numpy_reference',
           'stft_magnitude_keeps_dtype_batch_of_one_and_inputs',
           'stft_magnitude_gradient_matches_finite_differences',
           'stft_magnitude_floors_silence_at_sqrt_eps_with_finite_gradient']


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if n_fft // 2 >= x.shape[-1]:
        raise ValueError(f"n_fft={n_fft} too large for reflect padding")
    if hop_length < 1:
        raise ValueError(f"hop_length must be >= 1, got {hop_length}")
    window = torch.hann_window(n_fft, periodic=True, dtype=x.dtype, device=x.device)
    spec = torch.stft(x, n_fft, hop_length=hop_length, window=window, center=False, return_complex=True)
    return torch.sqrt(torch.clamp(spec.real ** 2 + spec.imag ** 2, min=eps))
