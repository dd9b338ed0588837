"""Accumulates squared norms item by item, in float64 for the sums, and casts back."""


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError(f"shape mismatch: x_mag {x_mag.shape}, y_mag {y_mag.shape}")
    num = 0.0
    den = 0.0
    for b in range(x_mag.shape[0]):
        num = num + ((y_mag[b] - x_mag[b]).double() ** 2).sum()
        den = den + (y_mag[b].double() ** 2).sum()
    return (num.sqrt() / den.sqrt()).to(x_mag.dtype)
