"""Does not pass the weights on, so stft_loss uses its defaults."""
CATCHES = ['multi_resolution_stft_loss_matches_numpy_reference',
           'multi_resolution_stft_loss_gradients_match_finite_differences',
           'multi_resolution_stft_loss_is_zero_for_identical_inputs_and_finite_at_silence',
           'multi_resolution_stft_loss_treats_second_argument_as_target']


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64), w_sc=1.0, w_log=1.0,
                               w_lin=0.0):
    if len(fft_sizes) == 0:
        raise ValueError("fft_sizes must not be empty")
    return sum(stft_loss(x, y, n, n // 4) for n in fft_sizes) / len(fft_sizes)
