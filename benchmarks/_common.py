"""Shared pieces of the benchmarks: loading reference code, timing."""
import pathlib
import statistics
import time

from autograder import notebooks, zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent


def reference_namespace(assignment):
    """Run the graded core of a source notebook (imports, answer and support cells) and return its globals.

    Solution markers are comments, so the source notebook's answer cells run as they are.
    """
    namespace = {"__name__": f"reference_{assignment}"}
    for cell in zoo.core_cells(notebooks.load(zoo.source_notebook(assignment, ROOT))):
        exec(compile(notebooks.source_of(cell), f"<{assignment}>", "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace


def median_seconds(fn, repeats=7, warmup=2):
    """Median wall time of ``fn()`` over ``repeats`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
