"""A loss that 02's hidden tests hand to ``frequency_loss_landscape`` (imported by the fork server)."""
import torch

LIBRARY = {
    # Not symmetric in (x, y): tells a loss called as loss_fn(prediction, target) from the reverse.
    "prediction_weighted_mse": lambda: lambda x, y: torch.mean((1.5 + x) * (x - y) ** 2),
}
