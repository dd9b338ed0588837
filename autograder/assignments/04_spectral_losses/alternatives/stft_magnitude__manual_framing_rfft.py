"""Reflect padding with F.pad, framing with unfold, a window from its cosine formula and torch.fft.rfft."""


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if x.ndim != 2:
        raise ValueError("x must have shape (batch, n_samples)")
    if not 0 < n_fft // 2 < x.shape[1]:
        raise ValueError("n_fft must satisfy 0 < n_fft // 2 < n_samples")
    if hop_length <= 0:
        raise ValueError("hop_length must be positive")
    padded = F.pad(x[:, None, :], (n_fft // 2, n_fft // 2), mode="reflect")[:, 0, :]
    frames = padded.unfold(-1, n_fft, hop_length)                    # (batch, n_frames, n_fft)
    n = torch.arange(n_fft, dtype=x.dtype, device=x.device)
    window = 0.5 - 0.5 * torch.cos(2 * math.pi * n / n_fft)
    spectrum = torch.fft.rfft(frames * window, dim=-1)
    power = spectrum.real.square() + spectrum.imag.square()
    return power.clamp_min(eps).sqrt().transpose(1, 2)
