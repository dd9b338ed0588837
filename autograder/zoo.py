"""The bug zoo: wrong implementations that must lose points in the right test.

A mutant is ``autograder/assignments/<assignment>/mutants/<function>__<slug>.py``: a
module docstring describing the mistake, ``CATCHES = [test ids that must fail]``, and a
redefinition of the function. Correct alternatives (``alternatives/`` beside it) have the
same form without ``CATCHES`` and must keep full marks. A mutant submission is the graded core of the
source notebook (its first code cell, every answer cell and cells tagged
``support``) followed by the mutant as one more cell, so it runs in seconds.
"""
import ast
import dataclasses
import pathlib
import re
import shutil

import nbformat

from autograder import assignments, harness, notebooks

MUTANTS, ALTERNATIVES = "mutants", "alternatives"
SOLUTION_REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION[ \t]*$", re.S | re.M)


@dataclasses.dataclass
class Mutant:
    assignment: str
    function: str
    name: str
    description: str
    catches: list
    source: str
    path: pathlib.Path


def load_mutants(assignment, kind=MUTANTS):
    """Mutants (or, with ``kind=ALTERNATIVES``, correct variants) of an assignment."""
    found = []
    for path in sorted((assignments.folder(assignment) / kind).glob("*.py")):
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
    return [nbformat.from_dict(c) for c in notebooks.core_cells(notebook)]


def blank_demo_cells(notebook):
    """The notebook with its demonstration cells blanked (code cells that are neither the
    imports cell, an answer cell, a hidden-test or visible-check cell, nor tagged ``support``):
    grading sees no difference, and a notebook kernel runs it in seconds."""
    blanked = nbformat.from_dict(notebook)
    first = True
    for cell in blanked.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        keep = first or meta.get("solution") or meta.get("grade") or meta.get("locked") \
            or "support" in cell.metadata.get("tags", [])
        first = False
        if not keep:
            cell.source, cell.outputs, cell.execution_count = "# demonstration cell blanked", [], None
    return blanked


def stub_source(source):
    """What nbgrader's release makes of an answer cell: each solution region becomes a stub."""
    return SOLUTION_REGION.sub(lambda m: f"{m.group(1)}raise NotImplementedError()", source)


def stub_cells(notebook):
    cells = core_cells(notebook)
    for cell in cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            cell.source = stub_source(notebooks.source_of(cell))
    return cells


def full_variant(notebook, mutant):
    """The whole notebook with the mutant inserted as a cell right after the answer cell
    that defines its function; for a name no answer cell defines (09's trained ``decoder``),
    right before the first hidden-test cell of that name, so that nbgrader, which grades at
    the cell, and this grader, which grades after the last cell, see the same mistake."""
    variant = nbformat.from_dict(notebook)
    pattern = re.compile(rf"^(def|class)\s+{re.escape(mutant.function)}\b", re.M)
    own_tests = {t.id for t in harness.load(mutant.assignment).tests if t.function == mutant.function}
    position = None
    for i, cell in enumerate(variant.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and pattern.search(notebooks.source_of(cell)):
            position = i + 1
            break
    if position is None:
        position = next((i for i, cell in enumerate(variant.cells)
                         if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in own_tests),
                        len(variant.cells))
    variant.cells.insert(position, nbformat.v4.new_code_cell(mutant.source))
    return variant


def source_notebook(assignment, root=None):
    return notebooks.source_notebook(assignment, root)


def handed_in(assignment, stub=False):
    """The whole notebook a student hands in, demonstration cells included: the executed
    solution (``solutions/``), or with ``stub`` the release notebook (``release/``)."""
    root = notebooks.course_root()
    path = root / "release" / assignment / f"{assignment}.ipynb" if stub else root / "solutions" / f"{assignment}.ipynb"
    return nbformat.read(str(path), 4)


def hand_in(path, assignment, function=None):
    """Put beside ``path`` the reference's submission files (``solutions/<name>``) that a
    variant of ``function`` hands in: none for variants of the functions that make them
    (``Assignment.files_made_by``), or when the reference has not saved them."""
    registry = harness.load(assignment)
    if function not in registry.files_made_by:
        for name in registry.submission_files:
            saved = notebooks.course_root() / "solutions" / name
            if saved.is_file():
                shutil.copyfile(saved, pathlib.Path(path).parent / name)
    return path


def write_variant(notebook, extra_source, path, stub=False):
    """The notebook's graded core plus ``extra_source`` as a last cell, written to ``path``."""
    variant = nbformat.v4.new_notebook()
    variant.cells = stub_cells(notebook) if stub else core_cells(notebook)
    if extra_source:
        variant.cells.append(nbformat.v4.new_code_cell(extra_source))
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(variant, str(path))
    return path


def check_results(mutant, result, max_score):
    """Problems with a mutant's grading (empty list: it is caught as intended)."""
    by_id = {t.id: t for t in result.tests}
    problems = []
    if not mutant.catches:
        problems.append("declares no CATCHES")
    for test_id in mutant.catches:
        if test_id not in by_id:
            problems.append(f"CATCHES names unknown test {test_id}")
        elif by_id[test_id].status == "passed":
            problems.append(f"test {test_id} passed but should catch it")
    if result.score >= max_score:
        problems.append("scored full marks")
    # One bug, one penalty: the tests of other graded functions pass (a function that calls the
    # mutated one is tested with a trusted version of it: declare it in Assignment(depends=...)).
    leaked = [t.id for t in result.tests if t.status != "passed" and t.function != mutant.function]
    if leaked:
        problems.append(f"tests of other functions failed too: {leaked}")
    return problems


def variants(assignment, folder):
    """(label, notebook path, mutant or None, expected) for the reference, stub, mutants, alternatives."""
    notebook = notebooks.load(source_notebook(assignment))
    plan = [("reference core", "reference", None, "full", False), ("stub", "stub", None, "zero", True)]
    plan += [(m.name, m.name, m, "caught", False) for m in load_mutants(assignment)]
    plan += [(f"alternative {m.name}", f"alt_{m.name}", m, "full", False)
             for m in load_mutants(assignment, ALTERNATIVES)]
    plan += [(m.name, f"{m.function}__always_raises", m, "nothing", False)
             for m in always_raising_mutants(assignment, notebook)]
    out = []
    for label, slug, mutant, expected, stub in plan:
        # a folder per variant: files handed in beside a notebook belong to that notebook only
        path = folder / f"{assignment}__{slug}" / f"{assignment}.ipynb"
        write_variant(notebook, mutant.source if mutant else "", path, stub=stub)
        out.append((label, hand_in(path, assignment, mutant.function if mutant else None), mutant, expected))
    return out


def labels(assignment):
    """The labels :func:`variants` gives, without writing anything."""
    notebook = notebooks.load(source_notebook(assignment))
    return ["reference core", "stub", *(m.name for m in load_mutants(assignment)),
            *(f"alternative {m.name}" for m in load_mutants(assignment, ALTERNATIVES)),
            *(m.name for m in always_raising_mutants(assignment, notebook))]


def always_raising_mutants(assignment, notebook):
    """For every graded function, one that raises ValueError on every call, naming every argument.

    It must earn nothing in that function's tests: a test that rewards rejecting bad
    arguments must also see the function work (``checks.assert_accepts``).
    """
    registry = harness.load(assignment)
    signatures = {}
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            for node in ast.walk(ast.parse(notebooks.source_of(cell))):
                if isinstance(node, ast.FunctionDef):
                    signatures.setdefault(node.name, [a.arg for a in node.args.args + node.args.kwonlyargs])
    found = []
    for function in registry.functions:
        if function not in signatures:
            continue  # a class, or a function whose answer cell is not found
        names = " ".join(f"`{a}`" for a in signatures[function])
        source = (f'''"""Generated: raises ValueError on every call, naming every argument."""\n\n\n'''
                  f"def {function}(*args, **kwargs):\n"
                  f"    raise ValueError('invalid argument: {names} ({function} rejects everything)')\n")
        catches = [t.id for t in registry.tests if t.function == function]
        found.append(Mutant(assignment, function, f"{function}__always_raises (generated)",
                            "raises ValueError on every call", catches, source, None))
    return found


def judge(expected, mutant, result, max_score):
    """Problems with one variant's grading; empty when it is graded as intended."""
    if expected == "caught":
        return check_results(mutant, result, max_score)
    if expected == "nothing":
        passed = [t.id for t in result.tests if t.id in mutant.catches and t.status == "passed"]
        return [f"a function that always raises passed {test_id}" for test_id in passed]
    if expected == "zero":
        return [] if result.score == 0 else [f"stub scored {result.score:g}"]
    wrong = [f"{t.id} {t.status}: {t.message}" for t in result.tests if t.status != "passed"]
    return wrong + ([] if result.score == max_score else ["not full marks"])


def main(assignments, jobs=2):
    """Grade the reference core, the stub, every mutant and alternative; print a report."""
    import tempfile
    from autograder import engine
    limits = engine.Limits(cell_timeout=60, notebook_timeout=300)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for assignment in assignments:
            plan = variants(assignment, pathlib.Path(tmp))
            items = [notebooks.SubmissionFile(path, assignment) for _, path, _, _ in plan]
            results = engine.grade_all(items, limits, jobs=jobs)
            max_score = harness.load(assignment).max_score
            print(f"{assignment} (max {max_score:g}):")
            for (label, _, mutant, expected), result in zip(plan, results):
                problems = judge(expected, mutant, result, max_score)
                failures += bool(problems)
                failed = [t.id for t in result.tests if t.status != "passed"]
                print(f"  {'ok ' if not problems else 'BAD'} {label}: {result.score:g} "
                      f"(expected {expected}) failed={failed}" + "".join(f"\n      {p}" for p in problems))
    return 1 if failures else 0
