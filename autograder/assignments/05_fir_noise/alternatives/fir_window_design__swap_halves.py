"""Swaps the two halves with torch.cat instead of a roll."""


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_taps = 2 * (magnitudes.shape[-1] - 1)
    zero_phase = torch.fft.irfft(magnitudes, n=n_taps)
    half = n_taps // 2
    causal = torch.cat([zero_phase[..., half:], zero_phase[..., :half]], dim=-1)
    return causal * torch.hann_window(n_taps, dtype=magnitudes.dtype, device=magnitudes.device)
