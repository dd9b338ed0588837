"""The reference layout, but the recurrence written as a Python loop over frames with torch.nn.GRUCell."""


class Decoder(torch.nn.Module):
    def __init__(self, n_harmonics=N_HARMONICS, n_bands=N_BANDS, hidden_size=40):
        super().__init__()
        self.sizes = (n_harmonics, n_bands)
        self.f0_mlp, self.loudness_mlp = mlp(1, hidden_size), mlp(1, hidden_size)
        self.cell = torch.nn.GRUCell(2 * hidden_size, hidden_size)
        self.out_mlp = mlp(hidden_size + 2, hidden_size)
        self.out = torch.nn.Linear(hidden_size, 1 + n_harmonics + n_bands)

    def forward(self, f0_hz, loudness):
        pitch = (12.0 * torch.log2(torch.clamp(f0_hz, min=1.0) / 440.0) + 69.0) / 127.0
        level = (loudness + 50.0) / 50.0
        features = torch.cat([self.f0_mlp(pitch.unsqueeze(-1)), self.loudness_mlp(level.unsqueeze(-1))], dim=-1)
        state = features.new_zeros(features.shape[0], self.cell.hidden_size)
        states = []
        for t in range(features.shape[1]):
            state = self.cell(features[:, t], state)
            states.append(state)
        hidden = torch.stack(states, dim=1)
        raw = self.out(self.out_mlp(torch.cat([hidden, pitch.unsqueeze(-1), level.unsqueeze(-1)], dim=-1)))
        n_harmonics, n_bands = self.sizes
        global_amplitude, harmonic_amplitudes, noise_magnitudes = raw.split([1, n_harmonics, n_bands], dim=-1)
        return {"global_amplitude": global_amplitude[..., 0], "harmonic_amplitudes": harmonic_amplitudes.transpose(1, 2),
                "noise_magnitudes": noise_magnitudes.transpose(1, 2)}
