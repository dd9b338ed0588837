"""torch.stack of the per-resolution losses, then .mean()."""


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64), w_sc=1.0, w_log=1.0, w_lin=0.0):
    if not list(fft_sizes):
        raise ValueError("fft_sizes is empty")
    return torch.stack([stft_loss(x, y, n_fft=n, hop_length=n // 4, w_sc=w_sc, w_log=w_log, w_lin=w_lin)
                        for n in fft_sizes]).mean()
