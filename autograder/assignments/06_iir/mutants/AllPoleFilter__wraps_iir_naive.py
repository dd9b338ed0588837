"""Not an autograd.Function at all: apply just calls iir_naive, so autograd records the whole per-
sample loop."""
CATCHES = [
    'all_pole_filter_output_graph_does_not_grow_with_length',
    'all_pole_filter_gradient_graph_does_not_grow_with_length',
]


class AllPoleFilter:
    @staticmethod
    def apply(x, a):
        return iir_naive(x, a)
