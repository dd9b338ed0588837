"""Sum of absolute differences divided by the element count."""


def linear_magnitude_l1(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError("x_mag and y_mag must have equal shapes")
    return (x_mag - y_mag).abs().sum() / x_mag.numel()
