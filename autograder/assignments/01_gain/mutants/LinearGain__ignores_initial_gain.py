"""The constructor ignores its argument and always starts at gain 1.0."""
CATCHES = ["linear_gain_scales_every_sample",
           "linear_gain_gain_is_a_0d_parameter",
           "linear_gain_gradients_reach_input_and_gain"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(1.0))

    def forward(self, x):
        return self.gain * x
