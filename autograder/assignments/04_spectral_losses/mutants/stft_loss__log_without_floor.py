"""Computes its own magnitudes with .abs() (no eps floor): a silent prediction gives log(0) = -inf."""
CATCHES = ['stft_loss_is_zero_for_identical_inputs_and_finite_at_silence']


def stft_loss(x, y, n_fft=1024, hop_length=256, w_sc=1.0, w_log=1.0, w_lin=0.0):
    if x.shape != y.shape:
        raise ValueError("x and y must have the same shape")
    stft_magnitude(x, n_fft, hop_length)  # argument checks only
    window = torch.hann_window(n_fft, dtype=x.dtype, device=x.device)
    x_mag = torch.stft(x, n_fft, hop_length, window=window, pad_mode="reflect", return_complex=True).abs()
    y_mag = torch.stft(y, n_fft, hop_length, window=window, pad_mode="reflect", return_complex=True).abs()
    return (w_sc * spectral_convergence(x_mag, y_mag) + w_log * log_magnitude_l1(x_mag, y_mag)
            + w_lin * linear_magnitude_l1(x_mag, y_mag))
