"""Only evaluates the terms whose weight is non-zero."""


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError("x and y differ in shape")
    x_mag = stft_magnitude(x, n_fft, hop_length)
    y_mag = stft_magnitude(y, n_fft, hop_length)
    terms = [(w_sc, spectral_convergence), (w_log, log_magnitude_l1), (w_lin, linear_magnitude_l1)]
    total = torch.zeros((), dtype=x.dtype, device=x.device)
    for weight, distance in terms:
        if weight != 0:
            total = total + weight * distance(x_mag, y_mag)
    return total
