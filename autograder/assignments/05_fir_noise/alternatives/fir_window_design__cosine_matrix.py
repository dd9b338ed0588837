"""The inverse real DFT written as a cosine matrix (DC and Nyquist once, the rest twice), already
evaluated at n - n_taps // 2, times a window from its cosine formula."""


def fir_window_design(magnitudes):
    if magnitudes.dim() < 1 or magnitudes.shape[-1] < 2:
        raise ValueError("magnitudes needs at least 2 bins")
    n_bins = magnitudes.shape[-1]
    n_taps = 2 * (n_bins - 1)
    n = torch.arange(n_taps, dtype=magnitudes.dtype, device=magnitudes.device)
    k = torch.arange(n_bins, dtype=magnitudes.dtype, device=magnitudes.device)
    weight = torch.full((n_bins,), 2.0, dtype=magnitudes.dtype, device=magnitudes.device)
    weight[0] = weight[-1] = 1.0
    basis = weight * torch.cos(2 * math.pi * torch.outer(n - n_taps // 2, k) / n_taps) / n_taps
    window = 0.5 - 0.5 * torch.cos(2 * math.pi * n / n_taps)
    return magnitudes @ (window[:, None] * basis).T
