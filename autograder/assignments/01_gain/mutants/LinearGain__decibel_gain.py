"""The gain is read as decibels: forward(x) = 10 ** (gain / 20) * x."""
CATCHES = ["linear_gain_scales_every_sample",
           "linear_gain_defaults_to_unity",
           "linear_gain_gradients_reach_input_and_gain"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(float(gain)))

    def forward(self, x):
        return 10 ** (self.gain / 20) * x
