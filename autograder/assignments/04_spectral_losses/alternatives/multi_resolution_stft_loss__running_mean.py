"""A running mean updated resolution by resolution."""


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64), w_sc=1.0, w_log=1.0, w_lin=0.0):
    sizes = list(fft_sizes)
    if len(sizes) < 1:
        raise ValueError("fft_sizes needs at least one entry")
    mean = None
    for i, n_fft in enumerate(sizes, start=1):
        value = stft_loss(x, y, n_fft, n_fft // 4, w_sc, w_log, w_lin)
        mean = value if mean is None else mean + (value - mean) / i
    return mean
