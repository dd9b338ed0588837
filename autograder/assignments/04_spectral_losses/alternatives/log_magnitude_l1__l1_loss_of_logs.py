"""F.l1_loss of the logarithms (mean reduction)."""


def log_magnitude_l1(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError("x_mag and y_mag must match in shape")
    return F.l1_loss(torch.log(x_mag), torch.log(y_mag))
