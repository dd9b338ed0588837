"""Loops over the default resolutions whatever fft_sizes says."""
CATCHES = ['multi_resolution_stft_loss_matches_numpy_reference',
           'multi_resolution_stft_loss_gradients_match_finite_differences',
           'multi_resolution_stft_loss_is_a_mean_over_resolutions',
           'multi_resolution_stft_loss_is_zero_for_identical_inputs_and_finite_at_silence',
           'multi_resolution_stft_loss_treats_second_argument_as_target',
           'multi_resolution_stft_loss_keeps_dtype_batch_of_one_and_inputs',
           'multi_resolution_stft_loss_rejects_bad_arguments']


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64), w_sc=1.0, w_log=1.0,
                               w_lin=0.0):
    if len(fft_sizes) == 0:
        raise ValueError("fft_sizes must not be empty")
    sizes = (2048, 1024, 512, 256, 128, 64)
    return sum(stft_loss(x, y, n, n // 4, w_sc, w_log, w_lin) for n in sizes) / len(sizes)
