"""Computes the inverse FFT with numpy on a detached copy: right values, no gradient."""
CATCHES = ['fir_window_design_gradient_matches_closed_form']


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    zero_phase = np.fft.irfft(magnitudes.detach().cpu().numpy(), n=n_taps, axis=-1)
    h = torch.from_numpy(np.roll(zero_phase, n_taps // 2, axis=-1)).to(magnitudes.dtype)
    return h * torch.hann_window(n_taps, dtype=h.dtype)
