"""forward multiplies by self.gain.item(), a Python float: the graph to the parameter is cut."""
CATCHES = ["linear_gain_gradients_reach_input_and_gain"]


class LinearGain(torch.nn.Module):
    def __init__(self, gain: float = 1.0):
        super().__init__()
        self.gain = torch.nn.Parameter(torch.tensor(float(gain)))

    def forward(self, x):
        return self.gain.item() * x
