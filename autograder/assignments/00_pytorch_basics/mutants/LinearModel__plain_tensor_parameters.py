"""Stores slope and intercept as plain tensors with requires_grad=True, not nn.Parameters.

Autograd still reaches them, but the module does not register them: model.parameters() is
empty, so an optimiser built from it has nothing to update.
"""
CATCHES = ["linear_model_has_two_zero_scalar_parameters", "linear_model_gradients_reach_x_slope_and_intercept"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.slope = torch.zeros((), requires_grad=True)
        self.intercept = torch.zeros((), requires_grad=True)

    def forward(self, x):
        return self.slope * x + self.intercept
