"""Leaves out the linear-magnitude term, as if w_lin were always 0."""
CATCHES = ['stft_loss_matches_numpy_reference']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    x_mag, y_mag = stft_magnitude(x, n_fft, hop_length), stft_magnitude(y, n_fft, hop_length)
    return w_sc * spectral_convergence(x_mag, y_mag) + w_log * log_magnitude_l1(x_mag, y_mag)
