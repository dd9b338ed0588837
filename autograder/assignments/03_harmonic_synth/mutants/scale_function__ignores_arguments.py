"""Hard-codes the DDSP defaults (10, 2, 1e-7) and ignores the arguments it is given."""
CATCHES = ["scale_function_uses_its_arguments", "scale_function_gradient_matches_closed_form"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1:
        raise ValueError("exponent must be greater than 1")
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    return 2.0 * torch.sigmoid(x) ** math.log(10.0) + 1e-7
