"""|log(y / x)| averaged."""


def log_magnitude_l1(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError("x_mag and y_mag must match in shape")
    return torch.log(y_mag / x_mag).abs().mean()
