"""Adding an assignment is adding a folder: a fixture assignment kept outside the repository is
found by name (AUTOGRADER_ASSIGNMENTS), graded, zoo-checked and synced with no engine edit.

The fixture has two graded functions, `double` and `quadruple` (which calls `double`), a
worker-side helper, a bug zoo and a correct alternative, and a demonstration cell that the
grader may skip.
"""
import json
import os
import subprocess
import sys
import textwrap

import nbformat
import pytest

from autograder import authoring, build, notebooks

ROOT = notebooks.course_root()
NAME = "99_fixture"

HIDDEN_TESTS = '''
"""Hidden tests of the fixture: closed forms."""
import numpy as np

from autograder import checks
from autograder.harness import Assignment, Diff, Lib

A = Assignment("99_fixture", depends={"quadruple": ["double"]})


@A.test("double", points=2)
def test_double_is_two_x(sub):
    """double(x) = 2 x, with its gradient."""
    x = np.random.default_rng(0).normal(size=(2, 3))
    out = sub.call("double", Diff(x), cotangent=np.ones((2, 3)))
    checks.assert_close(out.value, 2 * x, "double of a (2, 3) array", rtol=1e-12, atol=0)
    checks.assert_grads_close(out, [np.full((2, 3), 2.0)], ["x"], "double")


@A.test("double", points=1)
def test_double_rejects_a_scalar(sub):
    """A 0-d input raises ValueError naming x."""
    checks.assert_accepts(sub, "double", np.ones(2))
    checks.assert_raises_value_error(sub, "double", np.float64(1.0), argument="x")


@A.test("quadruple", points=2)
def test_quadruple_is_four_x_and_applies_a_helper(sub):
    """quadruple(x) = 4 x; apply(f, x) from the worker's helpers calls it."""
    x = np.arange(4.0)
    out = sub.call(Lib("fixture_apply"), Lib("fixture_identity"), x)
    checks.assert_close(out.value, x, "the worker helper", rtol=0, atol=0)
    out = sub.call("quadruple", x)
    checks.assert_close(out.value, 4 * x, "quadruple of [0, 1, 2, 3]", rtol=1e-12, atol=0)
'''

WORKER = '''
"""Worker-side helpers of the fixture (imported by the fork server)."""
LIBRARY = {
    "fixture_identity": lambda: (lambda x: x),
    "fixture_apply": lambda: (lambda f, x: f(x)),
}
'''

DOUBLE = '''def double(x):
    """Twice x.

    Args:
        x: a tensor with at least one dimension.
    Raises:
        ValueError: when x is 0-d (the message names x).
    """
    ### BEGIN SOLUTION
    if x.dim() == 0:
        raise ValueError("x must have at least one dimension")
    return 2 * x
    ### END SOLUTION'''

QUADRUPLE = '''def quadruple(x):
    """Four times x, with double.

    Args:
        x: a tensor.
    """
    ### BEGIN SOLUTION
    return double(double(x))
    ### END SOLUTION'''


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    base = tmp_path_factory.mktemp("assignments")
    folder = base / NAME
    _write(folder / "hidden_tests.py", HIDDEN_TESTS)
    _write(folder / "worker.py", WORKER)
    _write(folder / "mutants" / "double__triples.py",
           '"""Three times, not two."""\nCATCHES = ["double_is_two_x"]\n\n\n'
           "def double(x):\n    if x.dim() == 0:\n        raise ValueError('x')\n    return 3 * x\n")
    _write(folder / "alternatives" / "double__sum.py",
           '"""x + x."""\n\n\ndef double(x):\n    if x.dim() == 0:\n        raise ValueError("bad x")\n'
           "    return x + x\n")
    env = dict(os.environ, AUTOGRADER_ASSIGNMENTS=str(base))
    source = folder / "source" / f"{NAME}.ipynb"
    source.parent.mkdir()
    authoring.write(source, [
        authoring.md("# Fixture"), authoring.code("import torch\nimport matplotlib.pyplot as plt"),
        authoring.solution("double", DOUBLE), authoring.solution("quadruple", QUADRUPLE),
        authoring.code("plt.plot(double(torch.arange(3.0)))\nplt.title('a demonstration')"),
    ])
    sync = subprocess.run([sys.executable, "-m", "autograder", "sync", NAME], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert sync.returncode == 0, sync.stderr[-2000:]
    # the "solution" a student would hand in: the source without its hidden-test cells
    nb = nbformat.read(str(source), 4)
    nb.cells = [c for c in nb.cells if not notebooks.is_test_cell(c)]
    for cell in nb.cells:
        cell.source = build.MARKER.sub("", cell.source)
    submission = tmp_path_factory.mktemp("submission") / f"{NAME}.ipynb"
    nbformat.write(nb, str(submission))
    return base, env, source, submission


def test_sync_writes_the_fixtures_hidden_test_cells(fixture):
    _, _, source, _ = fixture
    cells = [c for c in nbformat.read(str(source), 4).cells if notebooks.is_test_cell(c)]
    assert [c.metadata.nbgrader.grade_id for c in cells] == [
        "double_is_two_x", "double_rejects_a_scalar", "quadruple_is_four_x_and_applies_a_helper"]


def test_the_fixture_is_graded_with_its_worker_helpers_and_skips_its_demo(fixture):
    _, env, _, submission = fixture
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(submission), "--json", "-"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [result] = json.loads(proc.stdout)
    assert result["assignment"] == NAME and result["score"] == result["max_score"] == 5, result
    assert result["skipped_cells"] == [1, 4]   # the imports (nothing graded uses torch) and the demo


def test_the_fixtures_zoo_is_graded_as_intended(fixture):
    _, env, _, _ = fixture
    proc = subprocess.run([sys.executable, "-m", "autograder", "zoo", NAME], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("  ")]
    assert len(lines) == 6 and all(line.startswith("  ok") for line in lines), proc.stdout
