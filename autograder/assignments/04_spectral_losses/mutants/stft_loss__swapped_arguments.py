"""Passes the target first to the distances, so spectral convergence divides by the prediction's norm."""
CATCHES = ['stft_loss_matches_numpy_reference', 'stft_loss_treats_second_argument_as_target']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    x_mag, y_mag = stft_magnitude(x, n_fft, hop_length), stft_magnitude(y, n_fft, hop_length)
    return (w_sc * spectral_convergence(y_mag, x_mag) + w_log * log_magnitude_l1(y_mag, x_mag)
            + w_lin * linear_magnitude_l1(y_mag, x_mag))
