"""Writes the exclusive cumulative sum as a matmul with a strictly upper-triangular matrix of ones."""


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError("amplitude must be (batch, n_frames)")
    if frequency.size() != amplitude.size():
        raise ValueError("frequency must be (batch, n_frames) like amplitude")
    if phase is None:
        phase = torch.zeros_like(amplitude[:, 0])
    if phase.size() != (amplitude.size(0),):
        raise ValueError("phase must be (batch,)")
    omega = upsample(frequency, n_samples)
    # before[m, n] = 1 when m < n: phase[n] sums omega[m] over the earlier samples only.
    before = torch.ones(n_samples, n_samples, dtype=omega.dtype, device=omega.device).triu(diagonal=1)
    return upsample(amplitude, n_samples) * torch.sin(phase[:, None] + omega @ before)
