"""Takes sqrt(re**2 + im**2) without the eps floor: silence gives 0 and NaN gradients."""
CATCHES = ['stft_magnitude_floors_silence_at_sqrt_eps_with_finite_gradient']


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if x.dim() != 2:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if n_fft // 2 >= x.shape[-1]:
        raise ValueError(f"n_fft={n_fft} too large for reflect padding")
    if hop_length < 1:
        raise ValueError(f"hop_length must be >= 1, got {hop_length}")
    window = torch.hann_window(n_fft, periodic=True, dtype=x.dtype, device=x.device)
    spec = torch.stft(x, n_fft, hop_length=hop_length, window=window, center=True, pad_mode="reflect", return_complex=True)
    return torch.sqrt(spec.real ** 2 + spec.imag ** 2)
