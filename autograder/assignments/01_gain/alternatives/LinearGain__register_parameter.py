"""Registers the parameter explicitly and multiplies with torch.mul, input first."""


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.register_parameter("gain", torch.nn.Parameter(torch.as_tensor(gain, dtype=torch.get_default_dtype())))

    def forward(self, x):
        return torch.mul(x, self.gain)
