"""Relies on the callees' checks: their messages name x and impulse_responses, not noise."""
CATCHES = ['filtered_noise_rejects_bad_arguments']


def filtered_noise(magnitudes, noise):
    return framewise_fir(noise, fir_window_design(magnitudes.transpose(1, 2)))
