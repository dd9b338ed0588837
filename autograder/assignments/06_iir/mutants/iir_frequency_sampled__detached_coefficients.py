"""Detaches the coefficients ('the response is fixed'): no gradient reaches a."""
CATCHES = [
    'iir_frequency_sampled_gradients_match_complex_step',
]


def iir_frequency_sampled(x, a, n_fft):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if a.dim() not in (1, 2):
        raise ValueError(f"a must be (p,) or (batch, p), got {tuple(a.shape)}")
    if a.dim() == 2 and a.shape[0] != x.shape[0]:
        raise ValueError("a needs one row per item of x")
    if n_fft < x.shape[-1]:
        raise ValueError(f"n_fft = {n_fft} is shorter than x")
    denominator = F.pad(a.detach(), (1, 0), value=1.0)
    spectrum = torch.fft.rfft(x, n=n_fft) / torch.fft.rfft(denominator, n=n_fft)
    return torch.fft.irfft(spectrum, n=n_fft)[..., :x.shape[-1]]
