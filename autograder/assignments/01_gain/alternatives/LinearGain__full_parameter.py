"""Builds the 0-d parameter with torch.full((), gain)."""


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.full((), float(gain)), requires_grad=True)

    def forward(self, x):
        y = x * self.gain
        return y
