"""Designs the filters under torch.no_grad() as if they were fixed: no gradient reaches magnitudes."""
CATCHES = ['filtered_noise_gradients_match_closed_form']


def filtered_noise(magnitudes, noise):
    if magnitudes.dim() != 3 or magnitudes.shape[1] < 2:
        raise ValueError("magnitudes must be (batch, n_bands >= 2, n_frames)")
    if noise.dim() != 2:
        raise ValueError("noise must be (batch, n_samples)")
    if noise.shape[0] != magnitudes.shape[0] or noise.shape[1] % magnitudes.shape[2] != 0:
        raise ValueError("noise and magnitudes disagree (batch, or n_samples not a multiple of n_frames)")
    with torch.no_grad():
        impulse_responses = fir_window_design(magnitudes.transpose(1, 2))
    return framewise_fir(noise, impulse_responses)
