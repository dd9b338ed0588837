"""A-weights computed once in float64 numpy, applied as a matrix product over the bins; |X|**2
through torch.abs (whose derivative at 0 is 0, so silence stays finite)."""
import numpy as _np


def loudness_db(x, sample_rate, frame_size=1024, hop_length=256):
    if x.ndim != 2:
        raise ValueError("x must be 2-D")
    if x.shape[-1] <= frame_size // 2:
        raise ValueError("x is too short for the reflect padding")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be > 0")
    f = _np.arange(frame_size // 2 + 1) * float(sample_rate) / frame_size

    def response(f):
        f2 = _np.asarray(f, dtype=_np.float64) ** 2
        return 12194.0 ** 2 * f2 ** 2 / ((f2 + 20.6 ** 2) * _np.sqrt((f2 + 107.7 ** 2) * (f2 + 737.9 ** 2))
                                          * (f2 + 12194.0 ** 2))

    weights = torch.as_tensor((response(f) / response(1000.0)) ** 2 / len(f), dtype=x.dtype, device=x.device)
    window = torch.hann_window(frame_size, dtype=x.dtype, device=x.device)
    spectrum = torch.stft(x, n_fft=frame_size, hop_length=hop_length, window=window, return_complex=True)
    p = torch.einsum("bkt,k->bt", torch.abs(spectrum) ** 2, weights)
    return 10 * torch.log10(p.clamp(min=1e-10))
