"""fftshift along the last dimension (a roll by N/2 for even N) and a periodic Hann window taken as the
first N points of a symmetric one of N + 1."""


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    centred = torch.fft.fftshift(torch.fft.irfft(magnitudes, n=n_taps, dim=-1), dim=-1)
    window = torch.hann_window(n_taps + 1, periodic=False, dtype=magnitudes.dtype, device=magnitudes.device)[:-1]
    return centred * window
