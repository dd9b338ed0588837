"""Raises the sigmoid to the power exponent itself (10) instead of ln(exponent)."""
CATCHES = ["scale_function_matches_exponentiated_sigmoid",
           "scale_function_uses_its_arguments",
           "scale_function_gradient_matches_closed_form",
           "scale_function_is_finite_for_extreme_inputs"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1:
        raise ValueError("exponent must be greater than 1")
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    return max_value * torch.sigmoid(x) ** exponent + threshold
