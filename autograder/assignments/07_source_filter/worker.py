"""Helpers that 07's hidden tests hand to student code (imported by the fork server)."""
import torch


def _levinson_stacked():
    """Calls a levinson_durbin-like function and returns [a, error] as one (batch, order + 1) tensor,
    so that one vector-Jacobian product covers both outputs."""
    def call(function, r, order):
        out = function(r, order)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise TypeError(f"levinson_durbin should return a tuple (a, error), got {type(out).__name__}")
        a, error = out
        return torch.cat([a, error.reshape(-1, 1)], dim=-1)
    return call


LIBRARY = {
    "source_filter_levinson_stacked": _levinson_stacked,
}
