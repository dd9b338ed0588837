"""The gain is a plain tensor with requires_grad=True instead of an nn.Parameter.

The module then has no parameters: model.parameters() is empty, an optimiser built
from it learns nothing (torch.optim.Adam even refuses an empty list).
"""
CATCHES = ["linear_gain_gain_is_a_0d_parameter",
           "linear_gain_defaults_to_unity",
           "linear_gain_gradients_reach_input_and_gain"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.tensor(float(gain), requires_grad=True)

    def forward(self, x):
        return self.gain * x
