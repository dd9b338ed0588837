"""Takes the power in log space with the stable F.logsigmoid: exp(ln(exponent) * logsigmoid(x))."""


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if not exponent > 1:
        raise ValueError("exponent must exceed 1")
    if not max_value > 0:
        raise ValueError("max_value must be > 0")
    return max_value * torch.exp(math.log(exponent) * F.logsigmoid(x)) + threshold
