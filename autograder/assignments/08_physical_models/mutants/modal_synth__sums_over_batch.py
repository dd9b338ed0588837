"""Sums over dimension 0 (the batch) instead of the modes: with batch = n_modes the shape even looks right."""
CATCHES = ["modal_synth_matches_closed_form", "modal_synth_is_accurate_in_float64",
           "modal_synth_gradients_match_closed_form", "modal_synth_batch_of_one_matches_its_row"]


def modal_synth(frequencies_hz, decays_s, amplitudes, n_samples, sample_rate):
    if frequencies_hz.dim() != 2:
        raise ValueError("frequencies_hz must be (batch, n_modes)")
    if decays_s.shape != frequencies_hz.shape:
        raise ValueError("decays_s must have the shape of frequencies_hz")
    if amplitudes.shape != frequencies_hz.shape:
        raise ValueError("amplitudes must have the shape of frequencies_hz")
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    if sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    t = torch.arange(n_samples, dtype=frequencies_hz.dtype, device=frequencies_hz.device) / sample_rate
    modes = amplitudes[..., None] * torch.exp(-t / decays_s[..., None]) * torch.sin(2 * math.pi * frequencies_hz[..., None] * t)
    return modes.sum(0)
