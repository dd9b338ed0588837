"""Runs one hidden test inside an nbgrader kernel.

The hidden-test cells of the source notebooks call :func:`check` with the
notebook's globals, so ``nbgrader autograde`` awards exactly the points this
course's own grader does for honest submissions. Warnings and stderr are
swallowed here: nbgrader gives no credit to a cell that writes to stderr, and
a correct solution that warns must not lose points.
"""
import contextlib
import io
import warnings

from autograder import harness


_FAILED = {}   # per kernel namespace: what the engine keeps per submission
_CACHES = {}


def check(assignment, test_id, namespace):
    """Raise AssertionError with the test's message unless it passes.

    Partial credit (a test that returns :class:`~autograder.harness.Partial`) is returned as
    a number, which nbgrader reads as the cell's score, with the message printed above it.
    """
    registry = harness.load(assignment)
    test = registry.get(test_id)
    sub = harness.Submission(harness.LocalBackend(namespace), provided_files=_provided(assignment))
    # Functions that failed earlier hidden-test cells of this kernel, as the engine tracks them.
    sub.failed = _FAILED.setdefault((assignment, id(namespace)), set())
    sub.cache = _CACHES.setdefault((assignment, id(namespace)), {})
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        status, message, points = harness.run_test(test, sub, registry)
    if status != "passed" and points > 0:
        print(message)
        return points
    if status != "passed":
        raise AssertionError(message)
    print(f"{test_id}: passed ({test.points:g} points)")
    return None


def _provided(assignment):
    """The assignment's submission files present in the kernel's folder (the submission's)."""
    import os
    return sorted(name for name in harness.load(assignment).submission_files if os.path.isfile(name))
