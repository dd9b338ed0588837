"""Ignores the noise argument and draws uniform noise inside, as DDSP's module does."""
CATCHES = [
    "filtered_noise_matches_numpy_pipeline",
    "filtered_noise_flat_magnitudes_delay_the_noise",
    "filtered_noise_gradients_match_closed_form",
    "filtered_noise_keeps_dtype_batch_of_one_and_inputs",
]


def filtered_noise(magnitudes, noise):
    if magnitudes.dim() != 3 or magnitudes.shape[1] < 2:
        raise ValueError("magnitudes must be (batch, n_bands >= 2, n_frames)")
    if noise.dim() != 2:
        raise ValueError("noise must be (batch, n_samples)")
    if noise.shape[0] != magnitudes.shape[0] or noise.shape[1] % magnitudes.shape[2] != 0:
        raise ValueError("noise and magnitudes disagree (batch, or n_samples not a multiple of n_frames)")
    fresh = torch.rand_like(noise) * 2 - 1
    return framewise_fir(fresh, fir_window_design(magnitudes.transpose(1, 2)))
