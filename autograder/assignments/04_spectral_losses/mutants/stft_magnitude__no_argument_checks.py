"""Relies on torch.stft to complain: a too-large n_fft raises RuntimeError, a 1-D x is silently accepted."""
CATCHES = ['stft_magnitude_rejects_bad_arguments']


def stft_magnitude(x, n_fft, hop_length, eps=1e-8):
    # no argument checks: torch.stft is left to complain
    window = torch.hann_window(n_fft, periodic=True, dtype=x.dtype, device=x.device)
    spec = torch.stft(x, n_fft, hop_length=hop_length, window=window, center=True, pad_mode="reflect", return_complex=True)
    return torch.sqrt(torch.clamp(spec.real ** 2 + spec.imag ** 2, min=eps))
