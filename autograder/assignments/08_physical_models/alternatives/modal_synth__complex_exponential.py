"""The imaginary part of a sum of complex exponentials a exp((-1/tau + 2 pi j f) t), summed with einsum."""


def modal_synth(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    if frequencies_hz.dim() != 2:
        raise ValueError(f"frequencies_hz must be (batch, n_modes), got {tuple(frequencies_hz.shape)}")
    for name, value in (("decays_s", decays_s), ("amplitudes", amplitudes)):
        if value.shape != frequencies_hz.shape:
            raise ValueError(f"{name} must match frequencies_hz")
    if n_samples < 1 or sample_rate <= 0:
        raise ValueError("n_samples must be >= 1" if n_samples < 1 else "sample_rate must be > 0")
    t = torch.arange(n_samples, dtype=frequencies_hz.dtype, device=frequencies_hz.device) / sample_rate
    pole = torch.complex(-1.0 / decays_s, 2 * math.pi * frequencies_hz)          # (batch, n_modes) in 1/s
    modes = torch.exp(pole[..., None] * t)                                        # (batch, n_modes, n_samples)
    return torch.einsum("bm,bmn->bn", amplitudes, modes.imag)
