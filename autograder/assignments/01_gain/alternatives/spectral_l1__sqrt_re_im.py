"""Magnitude as sqrt(re^2 + im^2), with a tiny floor inside the square root; loops over the batch."""


def spectral_l1(x, y, power=1.0):
    if x.shape != y.shape:
        raise ValueError("y must have the shape of x")

    def magnitude(signal):
        spectrum = torch.fft.rfft(signal)
        return torch.sqrt(spectrum.real ** 2 + spectrum.imag ** 2 + 1e-20)

    per_item = [torch.mean(torch.abs(magnitude(x[b]) ** power - magnitude(y[b]) ** power))
                for b in range(x.shape[0])]
    return torch.mean(torch.stack(per_item))
