"""Ignores hop_length and uses n_fft // 4."""
CATCHES = ['stft_loss_matches_numpy_reference']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError(f"x {tuple(x.shape)} and y {tuple(y.shape)} must have the same shape")
    x_mag, y_mag = stft_magnitude(x, n_fft, n_fft // 4), stft_magnitude(y, n_fft, n_fft // 4)
    return (w_sc * spectral_convergence(x_mag, y_mag) + w_log * log_magnitude_l1(x_mag, y_mag)
            + w_lin * linear_magnitude_l1(x_mag, y_mag))
