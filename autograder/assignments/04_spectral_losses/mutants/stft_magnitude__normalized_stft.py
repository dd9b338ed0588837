"""Passes normalized=True to torch.stft, dividing every bin by sqrt(n_fft)."""
CATCHES = ['stft_magnitude_matches_numpy_reference', 'stft_magnitude_gradient_matches_finite_differences']


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if n_fft // 2 >= x.shape[-1]:
        raise ValueError(f"n_fft={n_fft} too large for reflect padding")
    if hop_length < 1:
        raise ValueError(f"hop_length must be >= 1, got {hop_length}")
    window = torch.hann_window(n_fft, periodic=True, dtype=x.dtype, device=x.device)
    spec = torch.stft(x, n_fft, hop_length=hop_length, window=window, center=True, pad_mode="reflect", normalized=True, return_complex=True)
    return torch.sqrt(torch.clamp(spec.real ** 2 + spec.imag ** 2, min=eps))
