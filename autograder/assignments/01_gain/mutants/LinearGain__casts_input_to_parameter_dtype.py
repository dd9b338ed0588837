"""forward casts x to the parameter's dtype (float32), so float64 audio comes back float32."""
CATCHES = ["linear_gain_keeps_float64"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(float(gain)))

    def forward(self, x):
        return self.gain * x.to(self.gain.dtype)
