"""Parameters of shape (1,) (torch.zeros(1)) instead of 0-d scalars.

Broadcasting hides it for most x, but the parameters are not scalars, and a 0-d x would come
back with shape (1,).
"""
CATCHES = ["linear_model_has_two_zero_scalar_parameters"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.nn.Parameter(torch.zeros(1))
        self.intercept = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return self.slope * x + self.intercept
