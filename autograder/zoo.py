"""The bug zoo: wrong implementations that must lose points in the right test.

A mutant is ``autograder/mutants/<assignment>/<function>__<slug>.py``: a module
docstring describing the mistake, ``CATCHES = [test ids that must fail]``, and a
redefinition of the function. A mutant submission is the graded core of the
source notebook (its first code cell, every answer cell and cells tagged
``support``) followed by the mutant as one more cell, so it runs in seconds.
"""
import ast
import dataclasses
import pathlib

import nbformat

from autograder import harness, notebooks

MUTANTS = pathlib.Path(__file__).resolve().parent / "mutants"


@dataclasses.dataclass
class Mutant:
    assignment: str
    function: str
    name: str
    description: str
    catches: list
    source: str
    path: pathlib.Path


def load_mutants(assignment):
    found = []
    for path in sorted((MUTANTS / assignment).glob("*.py")):
        source = path.read_text()
        module = ast.parse(source)
        catches = None
        for node in module.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CATCHES" for t in node.targets):
                catches = ast.literal_eval(node.value)
        function, _, _ = path.stem.partition("__")
        found.append(Mutant(assignment, function, path.stem, (ast.get_docstring(module) or "").strip(),
                            list(catches or []), source, path))
    return found


def core_cells(notebook):
    """The first code cell, answer cells and ``support`` cells of a notebook, in order."""
    cells, first = [], True
    for cell in notebook["cells"]:
        if cell.get("cell_type") != "code" or notebooks.is_test_cell(cell):
            continue
        meta = cell.get("metadata", {})
        if first or meta.get("nbgrader", {}).get("solution") or "support" in meta.get("tags", []):
            cells.append(nbformat.from_dict(cell))
        first = False
    return cells


def source_notebook(assignment, root=None):
    root = pathlib.Path(root or notebooks.course_root())
    return root / "source" / assignment / f"{assignment}.ipynb"


def write_variant(notebook, extra_source, path):
    """The notebook's graded core plus ``extra_source`` as a last cell, written to ``path``."""
    variant = nbformat.v4.new_notebook()
    variant.cells = core_cells(notebook)
    if extra_source:
        variant.cells.append(nbformat.v4.new_code_cell(extra_source))
    nbformat.write(variant, str(path))
    return path


def check_results(mutant, result, max_score):
    """Problems with a mutant's grading (empty list: it is caught as intended)."""
    by_id = {t["id"]: t for t in result["tests"]}
    problems = []
    if not mutant.catches:
        problems.append("declares no CATCHES")
    for test_id in mutant.catches:
        if test_id not in by_id:
            problems.append(f"CATCHES names unknown test {test_id}")
        elif by_id[test_id]["status"] == "passed":
            problems.append(f"test {test_id} passed but should catch it")
    if result["score"] >= max_score:
        problems.append("scored full marks")
    return problems


def main(assignments, jobs=2):
    """Grade the core of each source notebook and every mutant; print a report."""
    import tempfile
    from autograder import engine
    limits = engine.Limits(cell_timeout=60, notebook_timeout=300)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for assignment in assignments:
            notebook = notebooks.load(source_notebook(assignment))
            mutants = load_mutants(assignment)
            items = [notebooks.SubmissionFile(
                write_variant(notebook, "", pathlib.Path(tmp) / f"{assignment}__reference.ipynb"), assignment)]
            for m in mutants:
                items.append(notebooks.SubmissionFile(
                    write_variant(notebook, m.source, pathlib.Path(tmp) / f"{assignment}__{m.name}.ipynb"),
                    assignment))
            results = engine.grade_all(items, limits, jobs=jobs)
            max_score = harness.load(assignment).max_score
            ref = results[0]
            status = "ok" if ref["score"] == max_score else "NOT FULL MARKS"
            print(f"{assignment}: reference core {ref['score']:g}/{max_score:g} {status}")
            for t in ref["tests"]:
                if t["status"] != "passed":
                    failures += 1
                    print(f"    [{t['status']}] {t['id']}: {t['message']}")
            for m, r in zip(mutants, results[1:]):
                problems = check_results(m, r, max_score)
                failed = [t["id"] for t in r["tests"] if t["status"] != "passed"]
                mark = "ok  " if not problems else "BAD "
                failures += bool(problems)
                print(f"  {mark}{m.name}: {r['score']:g}/{max_score:g} failed={failed} {'; '.join(problems)}")
    return 1 if failures else 0
