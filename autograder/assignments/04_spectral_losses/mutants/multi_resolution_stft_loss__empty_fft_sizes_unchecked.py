"""Does not check fft_sizes: an empty tuple divides by zero (ZeroDivisionError)."""
CATCHES = ['multi_resolution_stft_loss_rejects_bad_arguments']


def multi_resolution_stft_loss(x, y, fft_sizes=(2048, 1024, 512, 256, 128, 64), w_sc=1.0, w_log=1.0,
                               w_lin=0.0):
    return sum(stft_loss(x, y, n, n // 4, w_sc, w_log, w_lin) for n in fft_sizes) / len(fft_sizes)
