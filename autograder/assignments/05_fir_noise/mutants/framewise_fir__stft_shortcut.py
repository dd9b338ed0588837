"""The original tutorial's trap: STFT with rectangular frames, spectra multiplied at the frame length
(circular) and istft with a Hann window at 75 % overlap: a gain of about 4/3, uneven at the edges,
tails wrapped inside each frame."""
CATCHES = [
    "framewise_fir_matches_blockwise_convolution",
    "framewise_fir_returns_input_for_unit_impulses",
    "framewise_fir_with_one_filter_everywhere_is_a_long_convolution",
    "framewise_fir_gradients_match_closed_form",
]


def framewise_fir(x, impulse_responses):
    if x.dim() != 2:
        raise ValueError("x must be (batch, n_samples)")
    if impulse_responses.dim() != 3 or impulse_responses.shape[1] < 1 or impulse_responses.shape[2] < 1:
        raise ValueError("impulse_responses must be (batch, n_frames, n_taps) with frames and taps")
    if impulse_responses.shape[0] != x.shape[0] or x.shape[1] % impulse_responses.shape[1] != 0:
        raise ValueError("x and impulse_responses disagree (batch, or n_samples not a multiple of n_frames)")
    hop = x.shape[1] // impulse_responses.shape[1]
    n_fft = 4 * hop
    frames = torch.stft(x, n_fft, hop, window=torch.ones(n_fft, dtype=x.dtype, device=x.device),
                        center=True, return_complex=True)
    which = torch.arange(frames.shape[-1], device=x.device).clamp(max=impulse_responses.shape[1] - 1)
    responses = torch.fft.rfft(impulse_responses[:, which], n=n_fft).transpose(1, 2)
    window = torch.hann_window(n_fft, dtype=x.dtype, device=x.device)
    return torch.istft(frames * responses, n_fft, hop, window=window, center=True, length=x.shape[1])
