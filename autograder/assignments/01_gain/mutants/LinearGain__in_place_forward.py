"""forward scales its input in place (x.mul_(gain)), overwriting the caller's tensor."""
CATCHES = ["linear_gain_gradients_reach_input_and_gain", "linear_gain_does_not_modify_input"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(float(gain)))

    def forward(self, x):
        return x.mul_(self.gain)
