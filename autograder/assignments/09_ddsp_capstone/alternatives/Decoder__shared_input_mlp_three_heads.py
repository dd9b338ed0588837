"""Another correct architecture: one MLP on both normalised inputs together, a two-layer GRU of 32
units, ReLU layers, and three separate output layers (one per control)."""


class Decoder(torch.nn.Module):
    def __init__(self, n_harmonics=N_HARMONICS, n_bands=N_BANDS, hidden_size=32):
        super().__init__()
        self.inputs = torch.nn.Sequential(torch.nn.Linear(2, hidden_size), torch.nn.ReLU(),
                                          torch.nn.Linear(hidden_size, hidden_size), torch.nn.ReLU())
        self.gru = torch.nn.GRU(hidden_size, hidden_size, num_layers=2, batch_first=True)
        self.body = torch.nn.Sequential(torch.nn.Linear(hidden_size + 2, hidden_size), torch.nn.ReLU())
        self.global_head = torch.nn.Linear(hidden_size, 1)
        self.harmonic_head = torch.nn.Linear(hidden_size, n_harmonics)
        self.noise_head = torch.nn.Linear(hidden_size, n_bands)

    def forward(self, f0_hz, loudness):
        midi = 69.0 + 12.0 * torch.log2(f0_hz.clamp(min=1.0) / 440.0)
        x = torch.stack([(midi - 64.0) / 12.0, (loudness + 20.0) / 20.0], dim=-1)
        h, _ = self.gru(self.inputs(x))
        h = self.body(torch.cat([h, x], dim=-1))
        return {"global_amplitude": self.global_head(h).squeeze(-1),
                "harmonic_amplitudes": self.harmonic_head(h).permute(0, 2, 1),
                "noise_magnitudes": self.noise_head(h).permute(0, 2, 1)}
