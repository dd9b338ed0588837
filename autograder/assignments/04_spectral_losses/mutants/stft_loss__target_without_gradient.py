"""Computes the target spectrogram under torch.no_grad(): correct values, but no gradient reaches y."""
CATCHES = ['stft_loss_gradients_match_finite_differences']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    x_mag = stft_magnitude(x, n_fft, hop_length)
    with torch.no_grad():
        y_mag = stft_magnitude(y, n_fft, hop_length)
    return (w_sc * spectral_convergence(x_mag, y_mag) + w_log * log_magnitude_l1(x_mag, y_mag)
            + w_lin * linear_magnitude_l1(x_mag, y_mag))
