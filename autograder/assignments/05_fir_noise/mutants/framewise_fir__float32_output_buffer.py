"""Overlap-adds into torch.zeros(batch, length), float32 by default: float64 input loses precision and
comes back float32."""
CATCHES = [
    "framewise_fir_matches_blockwise_convolution",
    "framewise_fir_returns_input_for_unit_impulses",
    "framewise_fir_with_one_filter_everywhere_is_a_long_convolution",
    "framewise_fir_gradients_match_closed_form",
    "framewise_fir_keeps_dtype_batch_of_one_and_inputs",
]


def framewise_fir(x, impulse_responses):
    if x.dim() != 2:
        raise ValueError("x must be (batch, n_samples)")
    if impulse_responses.dim() != 3 or impulse_responses.shape[1] < 1 or impulse_responses.shape[2] < 1:
        raise ValueError("impulse_responses must be (batch, n_frames, n_taps) with frames and taps")
    if impulse_responses.shape[0] != x.shape[0] or x.shape[1] % impulse_responses.shape[1] != 0:
        raise ValueError("x and impulse_responses disagree (batch, or n_samples not a multiple of n_frames)")
    batch, n_samples = x.shape
    n_frames, n_taps = impulse_responses.shape[1:]
    hop = n_samples // n_frames
    n_fft = hop + n_taps - 1
    blocks = x.reshape(batch, n_frames, hop)
    pieces = torch.fft.irfft(torch.fft.rfft(blocks, n=n_fft) * torch.fft.rfft(impulse_responses, n=n_fft), n=n_fft)
    out = torch.zeros(batch, (n_frames - 1) * hop + n_fft)
    for i in range(n_frames):
        out[:, i * hop:i * hop + n_fft] += pieces[:, i]
    return out[:, :n_samples]
