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


def check(assignment, test_id, namespace):
    """Raise AssertionError with the test's message unless it passes."""
    test = harness.load(assignment).get(test_id)
    sub = harness.Submission(harness.LocalBackend(namespace))
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        status, message, _ = harness.run_test(test, sub)
    if status != "passed":
        raise AssertionError(message)
    print(f"{test_id}: passed ({test.points:g} points)")
