"""Uses torch.pow with the power from numpy's log, and adds the threshold with torch.add."""


def scale_function(x, exponent=10.0, max_value=2.0, threshold=1e-7):
    if exponent <= 1.0:
        raise ValueError(f"invalid exponent {exponent}: it must be greater than 1")
    if max_value <= 0.0:
        raise ValueError(f"invalid max_value {max_value}")
    return torch.add(torch.pow(torch.sigmoid(x), float(np.log(exponent))) * max_value, threshold)
