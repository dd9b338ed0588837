"""forward returns slope * x and never adds the intercept: the line always passes through 0."""
CATCHES = ["linear_model_computes_slope_times_x_plus_intercept",
           "linear_model_gradients_reach_x_slope_and_intercept"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.tensor(0.0))
        self.intercept = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        return self.slope * x
