"""One item at a time, padded to the next 5-smooth length, explicit torch.cat padding."""


def fir_fft(x, h):
    if x.dim() != 2 or x.shape[-1] < 1:
        raise ValueError("x must be (batch, n_samples) with at least one sample")
    if h.dim() not in (1, 2) or h.shape[-1] < 1:
        raise ValueError("h must be (n_taps,) or (batch, n_taps) with n_taps >= 1")
    if h.dim() == 2 and h.shape[0] != x.shape[0]:
        raise ValueError("h must have one filter per item of x")
    n_samples, n_taps = x.shape[-1], h.shape[-1]
    n_fft = n_samples + n_taps - 1
    while True:
        rest = n_fft
        for p in (2, 3, 5):
            while rest % p == 0:
                rest //= p
        if rest == 1:
            break
        n_fft += 1
    outputs = []
    for b in range(x.shape[0]):
        taps = h if h.dim() == 1 else h[b]
        xb = torch.cat([x[b], x.new_zeros(n_fft - n_samples)])
        hb = torch.cat([taps, taps.new_zeros(n_fft - n_taps)])
        outputs.append(torch.fft.irfft(torch.fft.rfft(xb) * torch.fft.rfft(hb), n=n_fft)[:n_samples])
    return torch.stack(outputs)
