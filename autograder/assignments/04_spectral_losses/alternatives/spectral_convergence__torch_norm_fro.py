"""torch.norm with p='fro' on flattened tensors."""


def spectral_convergence(x_mag, y_mag):
    if x_mag.shape != y_mag.shape:
        raise ValueError("y_mag must have the shape of x_mag")
    return torch.norm((y_mag - x_mag).reshape(-1), p=2) / torch.norm(y_mag.reshape(-1), p=2)
