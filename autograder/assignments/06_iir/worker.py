"""A helper that 06's hidden tests run beside student code: the size of an autograd graph.

Imported by the fork server before any sandbox (see ``autograder.assignments``): plain torch,
nothing from the grader. The helper only measures; the test decides what the count means.
"""
import torch

NODE_LIMIT = 200_000  # stop counting there: a per-sample graph of the test's size is far smaller


def _count_nodes(roots):
    """Distinct autograd nodes reachable from ``roots`` through ``next_functions``."""
    seen, stack = set(), [r for r in roots if r is not None]
    while stack and len(seen) < NODE_LIMIT:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(child for child, _ in node.next_functions if child is not None)
    return len(seen)


def _graph_size(part):
    """``graph_size(function, x, a)``: nodes behind ``function(x, a)`` ("output") or behind the
    gradients of ``sum(y * cotangent)`` taken with ``create_graph=True`` ("gradient")."""
    if part not in ("output", "gradient"):
        raise ValueError(f"part must be 'output' or 'gradient', got {part!r}")

    def graph_size(function, x, a):
        x = torch.Tensor.detach(x).clone().requires_grad_(True)
        a = torch.Tensor.detach(a).clone().requires_grad_(True)
        y = function(x, a)
        if not isinstance(y, torch.Tensor):
            raise TypeError(f"expected a tensor, got {type(y).__name__}")
        if part == "output":
            return _count_nodes([y.grad_fn])
        cotangent = torch.linspace(-1.0, 1.0, y.numel(), dtype=y.dtype, device=y.device).reshape(y.shape)
        grads = torch.autograd.grad(y, (x, a), cotangent, create_graph=True, allow_unused=True)
        return _count_nodes([None if g is None else g.grad_fn for g in grads])

    return graph_size


LIBRARY = {
    # Lib("iir_graph_size", part="output" | "gradient") -> callable(function, x, a) -> int
    "iir_graph_size": _graph_size,
}
