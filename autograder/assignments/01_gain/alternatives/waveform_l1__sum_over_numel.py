"""Sum of absolute differences divided by the number of elements."""


def waveform_l1(x, y):
    if tuple(x.shape) != tuple(y.shape):
        raise ValueError(f"shape mismatch: y {tuple(y.shape)} vs x {tuple(x.shape)}")
    return (x - y).abs().sum() / x.numel()
