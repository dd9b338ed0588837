"""FFT per block at a power-of-two length, each piece padded to its place and all summed (no fold)."""


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
    n_fft = 1 << (hop + n_taps - 2).bit_length()
    blocks = x.reshape(batch, n_frames, hop)
    pieces = torch.fft.irfft(torch.fft.rfft(blocks, n=n_fft) * torch.fft.rfft(impulse_responses, n=n_fft), n=n_fft)
    pieces = pieces[..., :hop + n_taps - 1]
    length = n_samples + n_taps - 1
    placed = [F.pad(pieces[:, i], (i * hop, length - i * hop - pieces.shape[-1])) for i in range(n_frames)]
    return torch.stack(placed).sum(dim=0)[:, :n_samples]
