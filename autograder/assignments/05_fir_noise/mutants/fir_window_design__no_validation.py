"""No check of K: K = 1 reaches irfft(n=0), which raises a RuntimeError."""
CATCHES = ['fir_window_design_rejects_fewer_than_two_bins']


def fir_window_design(magnitudes):
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    h = torch.roll(torch.fft.irfft(magnitudes, n=n_taps), n_taps // 2, dims=-1)
    return h * torch.hann_window(n_taps, dtype=h.dtype, device=h.device)
