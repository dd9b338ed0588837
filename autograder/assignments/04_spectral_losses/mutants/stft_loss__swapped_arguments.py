"""Passes the target first to the distances, so spectral convergence divides by the prediction's norm."""
CATCHES = ['stft_loss_matches_numpy_reference',
           'stft_loss_gradients_match_finite_differences',
           'stft_loss_is_zero_for_identical_inputs_and_finite_at_silence',
           'stft_loss_treats_second_argument_as_target']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError(f"x {tuple(x.shape)} and y {tuple(y.shape)} must have the same shape")
    x_mag, y_mag = stft_magnitude(x, n_fft, hop_length), stft_magnitude(y, n_fft, hop_length)
    return (w_sc * spectral_convergence(y_mag, x_mag) + w_log * log_magnitude_l1(y_mag, x_mag)
            + w_lin * linear_magnitude_l1(y_mag, x_mag))
