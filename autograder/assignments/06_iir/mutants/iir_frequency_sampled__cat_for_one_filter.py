"""Prepends the 1 with torch.cat([ones(1), a]), which only works for a (p,) a: a (batch, p) a raises."""
CATCHES = [
    'iir_frequency_sampled_matches_formula_with_per_item_coefficients',
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
    denominator = torch.cat([torch.ones(1, dtype=a.dtype), a])
    spectrum = torch.fft.rfft(x, n=n_fft) / torch.fft.rfft(denominator, n=n_fft)
    return torch.fft.irfft(spectrum, n=n_fft)[..., :x.shape[-1]]
