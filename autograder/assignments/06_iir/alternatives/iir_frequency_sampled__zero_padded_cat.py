"""Zero-pads x and [1, *a] to n_fft by hand (torch.cat), then uses rfft without n=."""


def iir_frequency_sampled(x, a, n_fft):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if a.dim() not in (1, 2):
        raise ValueError(f"a must be (p,) or (batch, p), got {tuple(a.shape)}")
    if a.dim() == 2 and a.shape[0] != x.shape[0]:
        raise ValueError("a needs one row per item of x")
    if n_fft < x.shape[-1]:
        raise ValueError(f"n_fft = {n_fft} is shorter than x")
    ones = torch.ones(a.shape[:-1] + (1,), dtype=a.dtype, device=a.device)
    denominator = torch.cat([ones, a], dim=-1)
    denominator = torch.cat([denominator, denominator.new_zeros(denominator.shape[:-1] + (n_fft - denominator.shape[-1],))], dim=-1)
    padded = torch.cat([x, x.new_zeros(x.shape[0], n_fft - x.shape[-1])], dim=-1)
    return torch.fft.irfft(torch.fft.rfft(padded) / torch.fft.rfft(denominator), n=n_fft)[..., :x.shape[-1]]
