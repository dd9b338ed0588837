"""forward uses self.slope.detach() and self.intercept.detach(): right values, no gradient."""
CATCHES = ["linear_model_gradients_reach_x_slope_and_intercept"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.tensor(0.0))
        self.intercept = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        return self.slope.detach() * x + self.intercept.detach()
