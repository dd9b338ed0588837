"""Writes the sigmoid as 1 / (1 + exp(-x)): exp(1000) overflows to inf and the gradient is inf / inf = NaN."""
CATCHES = ["scale_function_is_finite_for_extreme_inputs"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1:
        raise ValueError("exponent must be greater than 1")
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    return max_value * (1 / (1 + torch.exp(-x))) ** math.log(exponent) + threshold
