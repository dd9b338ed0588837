"""Designs and filters one batch item at a time, then concatenates."""


def filtered_noise(magnitudes, noise):
    if magnitudes.dim() != 3 or magnitudes.shape[1] < 2:
        raise ValueError("magnitudes must be (batch, n_bands >= 2, n_frames)")
    if noise.dim() != 2:
        raise ValueError("noise must be (batch, n_samples)")
    if noise.shape[0] != magnitudes.shape[0] or noise.shape[1] % magnitudes.shape[2] != 0:
        raise ValueError("noise and magnitudes disagree (batch, or n_samples not a multiple of n_frames)")
    items = []
    for b in range(noise.shape[0]):
        responses = fir_window_design(magnitudes[b].T)                      # (n_frames, n_taps)
        items.append(framewise_fir(noise[b:b + 1], responses[None]))
    return torch.cat(items)
