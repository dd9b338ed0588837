"""Accepts any exponent and max_value; exponent <= 1 gives a flat or decreasing curve without complaint."""
CATCHES = ["scale_function_rejects_bad_arguments"]


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    return max_value * torch.sigmoid(x) ** math.log(exponent) + threshold
