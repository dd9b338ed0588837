"""Source notebooks with the right nbgrader metadata.

The source notebook is the one place where an assignment's prose, answer cells and
visible checks live; edit it in JupyterLab or build it from cells here. Hidden-test
cells are never written by hand: ``python -m autograder sync NN_slug`` rewrites them
from the registry (``autograder/assignments/NN_slug/hidden_tests.py``), so their ids
and points are always the ones the grader uses, and ``python -m autograder new NN_slug``
starts an assignment (its folder and a skeleton notebook). Cells from code::

    from autograder import authoring as nb
    cells = [nb.md("# Title"), nb.code("import torch"),
             nb.solution("sinusoid", '''def sinusoid(...):
        \"\"\"Docstring.\"\"\"
        ### BEGIN SOLUTION
        ...
        ### END SOLUTION
    '''),
             nb.check("sinusoid", "assert ..."),
             *nb.hidden_tests("02_oscillator", "sinusoid")]
    nb.write("source/02_oscillator/02_oscillator.ipynb", cells)
"""
import nbformat

from autograder import harness


def _meta(grade_id, grade=False, solution=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(text):
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def code(source, tags=()):
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def solution(function, source):
    """An answer cell; ``### BEGIN/END SOLUTION`` only inside function bodies."""
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    cell.metadata.update(_meta(f"{function}_solution", solution=True))
    return cell


def check(function, source):
    """A visible, read-only check the student runs after an exercise."""
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    cell.metadata.update(_meta(f"{function}_visible_check", locked=True))
    return cell


def hidden_test_cell(assignment, test):
    source = (f"# Hidden test ({test.points:g} points): {test.description}\n"
              "### BEGIN HIDDEN TESTS\n"
              "from autograder.incell import check\n"
              f"check({assignment!r}, {test.id!r}, globals())\n"
              "### END HIDDEN TESTS")
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata.update(_meta(test.id, grade=True, locked=True, points=test.points))
    return cell


def hidden_tests(assignment, function):
    """One graded cell per registered test of ``function``, in registry order."""
    registry = harness.load(assignment)
    cells = [hidden_test_cell(assignment, t) for t in registry.tests if t.function == function]
    if not cells:
        raise KeyError(f"{assignment} has no tests for {function}")
    return cells


def write(path, cells):
    """Write a source notebook without outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    notebook.metadata.update({"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                             "name": "python3"},
                              "language_info": {"name": "python"}})
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(notebook)
    nbformat.write(notebook, str(path))


# ---------------------------------------------------------------------------
# Keeping hidden-test cells in step with the registry.
def _is_hidden_test_cell(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and meta.get("grade") and not meta.get("solution") \
        and "autograder.incell" in cell.get("source", "")


def sync_hidden_tests(assignment, path):
    """Rewrite the hidden-test cells of the source notebook at ``path`` from the registry.

    Each function's cells replace the run of hidden-test cells that held its tests; a
    function with none yet gets them right after its visible check (or answer cell).
    Cell ids of kept tests are preserved. Returns a list of what changed (empty: nothing).
    """
    registry = harness.load(assignment)
    notebook = nbformat.read(str(path), as_version=4)
    by_id = {t.id: t for t in registry.tests}
    wanted = {f: [hidden_test_cell(assignment, t) for t in registry.tests if t.function == f]
              for f in registry.functions}
    old_ids = {c.metadata["nbgrader"]["grade_id"]: c.get("id") for c in notebook.cells if _is_hidden_test_cell(c)}
    placed, cells, run = set(), [], []

    def flush():
        functions = list(dict.fromkeys(by_id[c.metadata.nbgrader["grade_id"]].function for c in run
                                       if c.metadata.nbgrader["grade_id"] in by_id))
        for function in functions:
            if function not in placed:
                cells.extend(wanted[function])
                placed.add(function)
        run.clear()

    for cell in notebook.cells:
        if _is_hidden_test_cell(cell):
            run.append(cell)
            continue
        flush()
        cells.append(cell)
    flush()
    for function in registry.functions:
        if function in placed:
            continue
        anchors = [i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id")
                   in (f"{function}_visible_check", f"{function}_solution")]
        if not anchors:
            raise KeyError(f"{path}: no answer cell {function}_solution to put the tests of {function} after")
        cells[anchors[-1] + 1:anchors[-1] + 1] = wanted[function]
        placed.add(function)
    for cell in cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if _is_hidden_test_cell(cell) and old_ids.get(grade_id):
            cell["id"] = old_ids[grade_id]
    before = [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in notebook.cells]
    notebook.cells = cells
    after = [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in notebook.cells]
    changes = [f"{a[2]['grade_id']}" for a in after if _is_test_meta(a) and a not in before]
    changes += [f"removed {b[2]['grade_id']}" for b in before if _is_test_meta(b) and b not in after]
    if changes:
        nbformat.validate(notebook)
        nbformat.write(notebook, str(path))
    return changes


def _is_test_meta(entry):
    meta = entry[2] or {}
    return entry[0] == "code" and meta.get("grade") and not meta.get("solution")


# ---------------------------------------------------------------------------
# A new assignment.
HIDDEN_TESTS_TEMPLATE = '''"""Hidden tests for {name}.

Oracles: (say which independent references the tests use: closed forms, numpy/scipy,
finite differences). Tolerances: (say how each was reasoned).
"""
import numpy as np

from autograder import checks
from autograder.harness import Assignment, Diff

A = Assignment("{name}")


@A.test("example_function", points=1)
def test_example_function_doubles_its_input(sub):
    """example_function(x) is 2 * x (float64)."""
    x = np.random.default_rng(0).normal(size=(2, 5))
    out = sub.call("example_function", x)
    checks.assert_close(out.value, 2 * x, "example_function of a (2, 5) tensor", rtol=1e-12, atol=0)
'''


def new_assignment(name, root):
    """Create ``autograder/assignments/<name>/`` and a skeleton source notebook; returns the paths made."""
    import pathlib
    from autograder import assignments
    if not assignments.NAME.match(name):
        raise ValueError(f"assignment names look like 05_fir_noise (two digits, underscore, lower case): {name!r}")
    folder = assignments.HERE / name
    notebook = pathlib.Path(root) / "source" / name / f"{name}.ipynb"
    if folder.exists() or notebook.exists():
        raise ValueError(f"{name} exists already ({folder if folder.exists() else notebook})")
    for sub in ("mutants", "alternatives"):
        (folder / sub).mkdir(parents=True)
    (folder / "hidden_tests.py").write_text(HIDDEN_TESTS_TEMPLATE.format(name=name))
    notebook.parent.mkdir(parents=True)
    write(notebook, [
        md(f"# {name[3:].replace('_', ' ').capitalize()}\n\n**Learning objectives**\n\n* ..."),
        code("import numpy as np\nimport torch"),
        md("## Exercise 1: `example_function`"),
        solution("example_function", '''def example_function(x):
    """Twice ``x``.

    Args:
        x: a tensor of any shape.
    Returns:
        A tensor like ``x``.
    """
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION'''),
        check("example_function", "assert torch.equal(example_function(torch.ones(2)), torch.full((2,), 2.0)), "
                                  "'example_function(ones) should be twos'"),
        md("## Summary"),
    ])
    sync_hidden_tests(name, notebook)
    return [folder, notebook]
