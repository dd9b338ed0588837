"""Wraps torch.nn.Linear(1, 1) (zeroed) instead of declaring slope and intercept.

Mathematically the same model, but its parameters are linear.weight (1, 1) and linear.bias
(1,), not the scalar `slope` and `intercept` the specification names.
"""
CATCHES = ["linear_model_has_two_zero_scalar_parameters",
           "linear_model_computes_slope_times_x_plus_intercept",
           "linear_model_gradients_reach_x_slope_and_intercept",
           "linear_model_keeps_float64_and_leaves_x_unchanged"]


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(1, 1)
        torch.nn.init.zeros_(self.linear.weight)
        torch.nn.init.zeros_(self.linear.bias)

    def forward(self, x):
        return self.linear(x.unsqueeze(-1).to(self.linear.weight.dtype)).squeeze(-1)
