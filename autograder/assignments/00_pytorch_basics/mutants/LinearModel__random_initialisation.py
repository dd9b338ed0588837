"""Draws the initial slope and intercept at random (torch.randn), the habit from neural
networks, where the specification asks for zeros (and a reproducible start)."""
CATCHES = ["linear_model_has_two_zero_scalar_parameters"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.randn(()))
        self.intercept = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.slope * x + self.intercept
