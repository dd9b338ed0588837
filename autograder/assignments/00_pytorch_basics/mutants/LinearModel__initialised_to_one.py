"""Initialises slope and intercept to 1 instead of 0 (forward(x) starts as x + 1)."""
CATCHES = ["linear_model_has_two_zero_scalar_parameters"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.tensor(1.0))
        self.intercept = torch.nn.Parameter(torch.tensor(1.0))

    def forward(self, x):
        return self.slope * x + self.intercept
