"""Checks nothing: rfft of an empty filter or a broadcast over mismatched batches."""
CATCHES = ['fir_fft_rejects_bad_arguments']


def fir_fft(x, h):
    n_fft = x.shape[-1] + h.shape[-1] - 1
    y = torch.fft.irfft(torch.fft.rfft(x, n=n_fft) * torch.fft.rfft(h, n=n_fft), n=n_fft)
    return y[..., :x.shape[-1]]
