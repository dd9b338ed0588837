"""forward computes x.mul_(slope).add_(intercept): the caller's x is overwritten by the output
(and a leaf x that requires grad cannot be modified in place at all)."""
CATCHES = ["linear_model_keeps_float64_and_leaves_x_unchanged",
           "linear_model_gradients_reach_x_slope_and_intercept"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.tensor(0.0))
        self.intercept = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, x):
        return x.mul_(self.slope).add_(self.intercept)
