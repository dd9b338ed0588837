"""Does not check that n_samples is a multiple of n_frames: the leftover samples are silently lost."""
CATCHES = ['framewise_fir_rejects_bad_arguments']


def framewise_fir(x, impulse_responses):
    if x.dim() != 2:
        raise ValueError("x must be (batch, n_samples)")
    if impulse_responses.dim() != 3 or impulse_responses.shape[1] < 1 or impulse_responses.shape[2] < 1:
        raise ValueError("impulse_responses must be (batch, n_frames, n_taps) with frames and taps")
    if impulse_responses.shape[0] != x.shape[0]:
        raise ValueError("x and impulse_responses have different batch sizes")
    batch, n_samples = x.shape
    n_frames, n_taps = impulse_responses.shape[1:]
    hop = n_samples // n_frames
    n_fft = hop + n_taps - 1
    blocks = x[:, :n_frames * hop].reshape(batch, n_frames, hop)
    pieces = torch.fft.irfft(torch.fft.rfft(blocks, n=n_fft) * torch.fft.rfft(impulse_responses, n=n_fft), n=n_fft)
    total = (n_frames - 1) * hop + n_fft
    summed = F.fold(pieces.transpose(1, 2), output_size=(1, total), kernel_size=(1, n_fft), stride=(1, hop))
    return F.pad(summed[:, 0, 0], (0, max(0, n_samples - total)))[:, :n_samples]
