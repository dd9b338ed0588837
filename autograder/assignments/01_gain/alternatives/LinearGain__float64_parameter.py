"""Keeps the gain in float64 and casts it to the input's dtype in forward (differentiably)."""


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(gain, dtype=torch.float64))

    def forward(self, x):
        return x * self.gain.to(dtype=x.dtype, device=x.device)
