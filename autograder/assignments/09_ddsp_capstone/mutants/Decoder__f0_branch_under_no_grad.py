"""Embeds f0 inside torch.no_grad(): the f0 MLP never learns and no gradient reaches f0_hz."""
CATCHES = ['Decoder_gradients_reach_every_parameter']


class Decoder(torch.nn.Module):
    def __init__(self, n_harmonics=N_HARMONICS, n_bands=N_BANDS, hidden_size=48):
        super().__init__()
        self.n_harmonics, self.n_bands = n_harmonics, n_bands
        self.f0_mlp = mlp(1, hidden_size)
        self.loudness_mlp = mlp(1, hidden_size)
        self.gru = torch.nn.GRU(2 * hidden_size, hidden_size, batch_first=True)
        self.out_mlp = mlp(hidden_size + 2, hidden_size)
        self.controls = torch.nn.Linear(hidden_size, 1 + n_harmonics + n_bands)

    def forward(self, f0_hz, loudness):
        pitch = ((12.0 * torch.log2(torch.clamp(f0_hz, min=1.0) / 440.0) + 69.0) / 127.0)[..., None]
        level = ((loudness + 50.0) / 50.0)[..., None]
        with torch.no_grad():
            pitch_features = self.f0_mlp(pitch)
        embedded = torch.cat([pitch_features, self.loudness_mlp(level)], dim=-1)
        hidden, _ = self.gru(embedded)
        raw = self.controls(self.out_mlp(torch.cat([hidden, pitch, level], dim=-1))).transpose(1, 2)
        return {"global_amplitude": raw[:, 0, :],
                "harmonic_amplitudes": raw[:, 1:1 + self.n_harmonics, :],
                "noise_magnitudes": raw[:, 1 + self.n_harmonics:, :]}
