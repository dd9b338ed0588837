"""Returns the trained controls with the global amplitude and the noise magnitudes at -1e4: silence."""
CATCHES = ['decoder_resynthesises_held_out_notes', 'decoder_follows_the_loudness_of_held_out_notes']


class _Wrapped(torch.nn.Module):
    def __init__(self, trained):
        super().__init__()
        self.trained = trained

    def forward(self, f0_hz, loudness):
        controls = dict(self.trained(f0_hz, loudness))
        controls["global_amplitude"] = torch.full_like(controls["global_amplitude"], -1e4)
        controls["noise_magnitudes"] = torch.full_like(controls["noise_magnitudes"], -1e4)
        return controls


decoder = _Wrapped(decoder)
