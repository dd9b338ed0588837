"""Takes the outer product of f0 and the harmonic numbers with einsum."""


def harmonic_frequencies(f0, n_harmonics):
    if len(f0.shape) != 2:
        raise ValueError("expected f0 of shape (batch, n_frames)")
    if not n_harmonics >= 1:
        raise ValueError("n_harmonics must be a positive integer")
    k = torch.linspace(1, n_harmonics, n_harmonics, dtype=f0.dtype, device=f0.device)
    return torch.einsum("bf,k->bkf", f0, k)
