"""Building source notebooks with the right nbgrader metadata.

Authors write a small throwaway script that lists cells and calls
:func:`write`; hidden-test cells come from the grader registry, so a
notebook's grade cells always carry the ids and points the CLI uses::

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
