"""Stacks prediction and target into one batch for a single STFT call."""


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {tuple(x.shape)} and {tuple(y.shape)}")
    both = stft_magnitude(torch.cat([x, y], dim=0), n_fft, hop_length)
    x_mag, y_mag = both[:x.shape[0]], both[x.shape[0]:]
    loss = w_sc * spectral_convergence(x_mag, y_mag)
    loss = loss + w_log * log_magnitude_l1(x_mag, y_mag)
    loss = loss + w_lin * linear_magnitude_l1(x_mag, y_mag)
    return loss
