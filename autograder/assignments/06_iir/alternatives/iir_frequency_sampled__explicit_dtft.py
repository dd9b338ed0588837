"""Evaluates A(e^{i w_k}) = 1 + sum_k a_k e^{-i w_k k} on the rfft frequencies by hand, in float64, and
casts the result back."""


def iir_frequency_sampled(x, a, n_fft):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError(f"x must be (batch, n_samples), got {tuple(x.shape)}")
    if a.dim() not in (1, 2):
        raise ValueError(f"a must be (p,) or (batch, p), got {tuple(a.shape)}")
    if a.dim() == 2 and a.shape[0] != x.shape[0]:
        raise ValueError("a needs one row per item of x")
    if n_fft < x.shape[-1]:
        raise ValueError(f"n_fft = {n_fft} is shorter than x")
    p = a.shape[-1]
    omega = 2 * math.pi * torch.arange(n_fft // 2 + 1, dtype=torch.float64, device=x.device) / n_fft
    lags = torch.arange(1, p + 1, dtype=torch.float64, device=x.device)
    phasors = torch.exp(-1j * omega[:, None] * lags[None, :])          # (bins, p)
    response = 1 + (a.double().unsqueeze(-2).to(phasors.dtype) * phasors).sum(dim=-1)
    spectrum = torch.fft.rfft(x.double(), n=n_fft) / response
    return torch.fft.irfft(spectrum, n=n_fft)[..., :x.shape[-1]].to(x.dtype)
