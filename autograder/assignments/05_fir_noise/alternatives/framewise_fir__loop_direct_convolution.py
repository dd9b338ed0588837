"""A loop over frames: each block convolved directly (grouped conv1d, full length) and added into an
output tensor built with zeros."""


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
    out = x.new_zeros(batch, n_samples + hop + n_taps)
    for i in range(n_frames):
        block = F.pad(x[:, i * hop:(i + 1) * hop], (n_taps - 1, n_taps - 1))
        kernel = impulse_responses[:, i].flip(-1)[:, None, :]
        piece = F.conv1d(block[None], kernel, groups=batch)[0]             # (batch, hop + n_taps - 1)
        out[:, i * hop:i * hop + hop + n_taps - 1] += piece
    return out[:, :n_samples]
