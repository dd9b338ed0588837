"""Takes the cosine of the phase instead of the sine, so the first sample is amplitude * cos(phase0)."""
CATCHES = ["sinusoid_matches_numpy_reference",
           "sinusoid_with_constant_controls_is_a_sampled_sine",
           "sinusoid_gradients_match_closed_form"]


def sinusoid(amplitude, frequency, n_samples, phase=None):
    if amplitude.dim() != 2:
        raise ValueError(f"amplitude must be (batch, n_frames), got {tuple(amplitude.shape)}")
    if frequency.shape != amplitude.shape:
        raise ValueError(f"frequency must match amplitude {tuple(amplitude.shape)}, got {tuple(frequency.shape)}")
    if phase is None:
        phase = torch.zeros(amplitude.shape[0], dtype=amplitude.dtype, device=amplitude.device)
    elif phase.shape != (amplitude.shape[0],):
        raise ValueError(f"phase must have shape ({amplitude.shape[0]},), got {tuple(phase.shape)}")
    a = upsample(amplitude, n_samples)
    omega = upsample(frequency, n_samples)
    return a * torch.cos(phase[:, None] + torch.cumsum(omega, dim=-1) - omega)
