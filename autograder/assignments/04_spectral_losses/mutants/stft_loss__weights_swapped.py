"""Applies w_sc to the log term and w_log to spectral convergence."""
CATCHES = ['stft_loss_matches_numpy_reference', 'stft_loss_treats_second_argument_as_target']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError(f"x {tuple(x.shape)} and y {tuple(y.shape)} must have the same shape")
    x_mag, y_mag = stft_magnitude(x, n_fft, hop_length), stft_magnitude(y, n_fft, hop_length)
    return (w_log * spectral_convergence(x_mag, y_mag) + w_sc * log_magnitude_l1(x_mag, y_mag)
            + w_lin * linear_magnitude_l1(x_mag, y_mag))
