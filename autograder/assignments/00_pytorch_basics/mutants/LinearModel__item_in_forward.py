"""forward uses self.slope.item() and self.intercept.item(): Python floats, cut from the graph.

The values are right; no gradient ever reaches the parameters, so nothing can be learned.
"""
CATCHES = ["linear_model_gradients_reach_x_slope_and_intercept"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.tensor(0.0))
        self.intercept = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        return self.slope.item() * x + self.intercept.item()
