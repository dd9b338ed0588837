"""An explicit DFT: frames gathered by index arithmetic, multiplied by cosine and sine matrices."""


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    if x.dim() != 2:
        raise ValueError(f"expected x of rank 2, got rank {x.dim()}")
    n_samples = x.shape[-1]
    if n_fft // 2 >= n_samples:
        raise ValueError(f"n_fft // 2 = {n_fft // 2} must be below n_samples = {n_samples}")
    if hop_length < 1:
        raise ValueError("hop_length must be >= 1")
    pad = n_fft // 2
    left = x[:, 1:pad + 1].flip(-1)
    right = x[:, -pad - 1:-1].flip(-1)
    padded = torch.cat([left, x, right], dim=-1)
    n_frames = 1 + (padded.shape[-1] - n_fft) // hop_length
    index = (torch.arange(n_frames, device=x.device)[:, None] * hop_length
             + torch.arange(n_fft, device=x.device)[None, :])
    frames = padded[:, index]                                         # (batch, n_frames, n_fft)
    n = torch.arange(n_fft, dtype=x.dtype, device=x.device)
    k = torch.arange(n_fft // 2 + 1, dtype=x.dtype, device=x.device)
    window = torch.sin(math.pi * n / n_fft) ** 2                      # periodic Hann
    angle = 2 * math.pi * torch.remainder(k[:, None] * n[None, :], n_fft) / n_fft
    windowed = frames * window
    re = windowed @ torch.cos(angle).T
    im = -(windowed @ torch.sin(angle).T)
    return torch.sqrt(torch.maximum(re ** 2 + im ** 2, torch.full_like(re, eps))).transpose(-1, -2)
