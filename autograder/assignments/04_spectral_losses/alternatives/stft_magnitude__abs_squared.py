"""torch.stft, then |X|**2 via abs().square() and clamp."""


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if len(x.shape) != 2:
        raise ValueError("x: need a (batch, n_samples) tensor")
    if 2 * (n_fft // 2) >= 2 * x.shape[-1] or n_fft < 1:
        raise ValueError("n_fft: reflect padding needs n_fft // 2 < n_samples")
    if not hop_length >= 1:
        raise ValueError("hop_length: must be at least 1")
    window = torch.hann_window(n_fft, dtype=x.dtype, device=x.device)
    power = torch.stft(x, n_fft=n_fft, hop_length=hop_length, window=window, return_complex=True).abs().square()
    return torch.clamp(power, min=eps) ** 0.5
