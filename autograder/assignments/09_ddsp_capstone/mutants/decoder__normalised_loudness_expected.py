"""Trained on loudness normalised outside the decoder ((L + 50) / 50), so it misreads loudness in dB."""
CATCHES = ['decoder_resynthesises_held_out_notes', 'decoder_follows_the_loudness_of_held_out_notes']


class _Wrapped(torch.nn.Module):
    def __init__(self, trained):
        super().__init__()
        self.trained = trained

    def forward(self, f0_hz, loudness):
        return self.trained(f0_hz, (loudness + 50.0) / 50.0)


decoder = _Wrapped(decoder)
