"""Accumulates the phase in float64 (wrapped to one turn) and casts the output back to f0's dtype."""


def wavetable_oscillator(table, f0, n_samples, phase=None):
    if table.dim() != 1:
        raise ValueError(f"table must be 1-D (table_size,), got shape {tuple(table.shape)}")
    if f0.dim() != 2:
        raise ValueError(f"f0 must be (batch, n_frames), got shape {tuple(f0.shape)}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    if phase is None:
        phase = torch.zeros(f0.shape[0], dtype=f0.dtype, device=f0.device)
    elif phase.shape != (f0.shape[0],):
        raise ValueError(f"phase must be (batch,) = ({f0.shape[0]},), got shape {tuple(phase.shape)}")
    table_size = table.shape[0]
    omega = upsample(f0, n_samples)
    omega64 = omega.double()
    turns = (phase.double()[:, None] + torch.cumsum(omega64, dim=-1) - omega64) / (2 * math.pi)
    position = torch.remainder(turns, 1.0) * table_size
    position = position.to(f0.dtype)
    position = torch.where(position >= table_size, position - table_size, position)
    below = torch.floor(position)
    frac = position - below
    index = below.long() % table_size               # float32 rounding can land exactly on table_size
    return (1 - frac) * table[index] + frac * table[(index + 1) % table_size]
