"""The gain Parameter has shape (1,) (torch.tensor([gain])) instead of being 0-d.

forward still broadcasts, but the parameter, its gradient and anything that
expects a scalar (.item() on a batch of gains, shape checks) see the wrong shape.
"""
CATCHES = ["linear_gain_gain_is_a_0d_parameter"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor([float(gain)]))

    def forward(self, x):
        return self.gain * x
