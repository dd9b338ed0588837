"""permute(0, 2, 1) and a contiguous copy instead of transpose(1, 2)."""


def filtered_noise(magnitudes, noise):
    if magnitudes.dim() != 3 or magnitudes.shape[1] < 2:
        raise ValueError("magnitudes must be (batch, n_bands >= 2, n_frames)")
    if noise.dim() != 2:
        raise ValueError("noise must be (batch, n_samples)")
    if noise.shape[0] != magnitudes.shape[0] or noise.shape[1] % magnitudes.shape[2] != 0:
        raise ValueError("noise and magnitudes disagree (batch, or n_samples not a multiple of n_frames)")
    bands_last = magnitudes.permute(0, 2, 1).contiguous()
    return framewise_fir(noise, fir_window_design(bands_last))
