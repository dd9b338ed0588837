"""10 log10(p + 1e-10) instead of 10 log10(clamp(p, min=1e-10)): right in silence, 1.2 dB off at -95 dB."""
CATCHES = ['loudness_db_clamps_quiet_frames_at_1e_minus_10']


def loudness_db(x, sample_rate, frame_size=1024, hop_length=256):
    if x.dim() != 2:
        raise ValueError("x must be (batch, n_samples)")
    if frame_size // 2 >= x.shape[-1]:
        raise ValueError("x is too short for frame_size")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    window = torch.hann_window(frame_size, periodic=True, dtype=x.dtype, device=x.device)
    spectrum = torch.stft(x, frame_size, hop_length, window=window, center=True, pad_mode="reflect",
                          return_complex=True)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    f = torch.arange(frame_size // 2 + 1, dtype=x.dtype, device=x.device) * sample_rate / frame_size
    weights = (_r_a(f) / _r_a(torch.tensor(1000.0, dtype=x.dtype))) ** 2
    p = torch.mean(power * weights[:, None], dim=1)
    return 10 * torch.log10(p + 1e-10)


def _r_a(f):
    f2 = f ** 2
    return (12194.0 ** 2 * f2 ** 2
            / ((f2 + 20.6 ** 2) * torch.sqrt((f2 + 107.7 ** 2) * (f2 + 737.9 ** 2)) * (f2 + 12194.0 ** 2)))
