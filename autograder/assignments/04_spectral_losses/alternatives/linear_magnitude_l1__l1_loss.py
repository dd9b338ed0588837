"""F.l1_loss with its default mean reduction."""


def linear_magnitude_l1(x_mag, y_mag):
    if x_mag.size() != y_mag.size():
        raise ValueError("x_mag/y_mag shape mismatch")
    return F.l1_loss(x_mag, y_mag)
