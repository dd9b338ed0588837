"""Applies x.sigmoid_() in place, overwriting the caller's raw values."""
CATCHES = ["scale_function_gradient_matches_closed_form",
           "scale_function_is_finite_for_extreme_inputs",
           "scale_function_does_not_modify_x"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1:
        raise ValueError("exponent must be greater than 1")
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    return max_value * x.sigmoid_() ** math.log(exponent) + threshold
