"""Computes the power as exp(p * log(sigmoid(x))): sigmoid underflows to 0 for very negative x, log(0) = -inf,
and the gradient becomes 0 * inf = NaN."""
CATCHES = ["scale_function_is_finite_for_extreme_inputs"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1:
        raise ValueError("exponent must be greater than 1")
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    return max_value * torch.exp(math.log(exponent) * torch.log(torch.sigmoid(x))) + threshold
