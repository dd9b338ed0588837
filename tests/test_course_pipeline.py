"""The course pipeline: source -> release/solutions, registry <-> notebooks, grading, bug zoo."""
import json
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest

from autograder import build, engine, harness, notebooks, zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir() and p.name[:2].isdigit())


def _source(a):
    return nbformat.read(str(ROOT / "source" / a / f"{a}.ipynb"), 4)


def _release(a):
    return nbformat.read(str(ROOT / "release" / a / f"{a}.ipynb"), 4)


def _comparable(nb):
    return [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in nb.cells]


def test_every_spec_assignment_so_far_has_a_source_notebook_and_a_grader():
    assert ASSIGNMENTS, "no source notebooks"
    for a in ASSIGNMENTS:
        assert a in harness.known(), f"{a} has no grader registered"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_carries_no_outputs(assignment):
    for cell in _source(assignment).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:80]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_not_stale(assignment, tmp_path):
    fresh = build.generate_release(ROOT, assignment, tmp_path)
    assert _comparable(nbformat.read(str(fresh / f"{assignment}.ipynb"), 4)) == _comparable(_release(assignment)), \
        "release/ is stale: run `python -m autograder build`"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_notebook_is_not_stale(assignment):
    expected = build.solution_notebook(_release(assignment), _source(assignment))
    committed = nbformat.read(str(ROOT / "solutions" / f"{assignment}.ipynb"), 4)
    assert [(c.cell_type, c.source) for c in committed.cells] == [(c.cell_type, c.source) for c in expected.cells], \
        "solutions/ is stale: run `python -m autograder build`"
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "solutions/ notebooks are committed executed"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), "a solution cell raised"


def test_rebuilding_an_unchanged_assignment_changes_no_byte(tmp_path):
    """`python -m autograder build` is reproducible: no widget ids, timings or other noise
    (checked on the smallest assignment; the others share the code path)."""
    assignment = ASSIGNMENTS[0]
    build.build(assignment, ROOT, tmp_path, execute=True)
    for relative in (f"solutions/{assignment}.ipynb", f"release/{assignment}/{assignment}.ipynb"):
        assert (tmp_path / relative).read_bytes() == (ROOT / relative).read_bytes(), \
            f"{relative} differs when rebuilt: stale, or not reproducible"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solution_code_and_no_hidden_tests(assignment):
    text = "\n".join(c.source for c in _release(assignment).cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "autograder"):
        assert marker not in text
    release_lines = {line.strip() for line in text.splitlines()}
    for cell in _source(assignment).cells:
        for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S):
            leaked = [line.strip() for line in region.splitlines()
                      if len(line.strip()) > 25 and line.strip() in release_lines]
            assert not leaked, f"solution lines in the release: {leaked[:3]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_hidden_test_cells_match_the_registry(assignment):
    registry = harness.load(assignment)
    cells = [c for c in _source(assignment).cells if notebooks.is_test_cell(c)]
    found = [(c.metadata.nbgrader.grade_id, c.metadata.nbgrader.points) for c in cells]
    assert sorted(found) == sorted((t.id, t.points) for t in registry.tests)
    for c in cells:
        assert f"check({assignment!r}, {c.metadata.nbgrader.grade_id!r}, globals())" in c.source
    assert sum(p for _, p in found) == registry.max_score


@pytest.mark.parametrize("where", ["source", "release", "solutions"])
def test_the_capstone_notebook_plays_the_instrument_the_grader_holds_out(where):
    """09's decoder is trained on notes of the cell tagged `instrument` and graded on held-out
    notes of autograder/assignments/09_ddsp_capstone/instrument.py: the two must be one text."""
    assignment = "09_ddsp_capstone"
    path = {"source": ROOT / "source" / assignment / f"{assignment}.ipynb",
            "release": ROOT / "release" / assignment / f"{assignment}.ipynb",
            "solutions": ROOT / "solutions" / f"{assignment}.ipynb"}[where]
    cells = [c for c in nbformat.read(str(path), 4).cells if "instrument" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{where}: {len(cells)} cells tagged 'instrument'"
    text = (ROOT / "autograder" / "assignments" / assignment / "instrument.py").read_text()
    assert cells[0].source == text.rstrip("\n"), f"{where}: the instrument cell differs from instrument.py"


def test_cli_gives_solutions_full_marks_and_releases_zero():
    paths = [str(ROOT / "solutions" / f"{a}.ipynb") for a in ASSIGNMENTS]
    paths += [str(ROOT / "release" / a / f"{a}.ipynb") for a in ASSIGNMENTS]
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", *paths, "--jobs", "2", "--json", "-"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout)
    assert len(results) == len(paths)
    for r in results:
        assert set(r) == {"student", "assignment", "notebook", "score", "max_score", "tests", "errors",
                          "skipped_cells"}
        if "/solutions/" in r["notebook"]:
            assert r["score"] == r["max_score"] > 0, [t for t in r["tests"] if t["status"] != "passed"]
        else:
            assert r["score"] == 0 and r["tests"], r["notebook"]
            assert all(t["status"] in ("failed", "error") for t in r["tests"])


# --- bug zoo -----------------------------------------------------------------
_ZOO = {}


def _zoo_results(assignment, tmp_path_factory):
    if assignment not in _ZOO:
        plan = zoo.variants(assignment, tmp_path_factory.mktemp(f"zoo-{assignment}"))
        items = [notebooks.SubmissionFile(path, assignment) for _, path, _, _ in plan]
        results = engine.grade_all(items, engine.Limits(cell_timeout=120, notebook_timeout=600), jobs=2)
        _ZOO[assignment] = {label: (mutant, expected, result)
                            for (label, _, mutant, expected), result in zip(plan, results)}
    return _ZOO[assignment]


def _labels():
    """One parameter per zoo variant; one xdist group per assignment, so each zoo is graded once."""
    out = []
    for a in ASSIGNMENTS:
        out += [pytest.param(a, label, id=f"{a}-{label}", marks=pytest.mark.xdist_group(f"zoo-{a}"))
                for label in zoo.labels(a)]
    return out


@pytest.mark.parametrize("assignment,label", _labels())
def test_bug_zoo_variant_is_graded_as_intended(assignment, label, tmp_path_factory):
    """Reference core: full marks; stub: 0; each mutant loses points in its CATCHES tests;
    each correct alternative keeps full marks; a function that always raises earns nothing
    in its own tests."""
    mutant, expected, result = _zoo_results(assignment, tmp_path_factory)[label]
    problems = zoo.judge(expected, mutant, result, harness.load(assignment).max_score)
    assert not problems, f"{label}: {problems}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_has_five_mutants_and_two_alternatives(assignment):
    functions = {t.function for t in harness.load(assignment).tests}
    mutants = [m.function for m in zoo.load_mutants(assignment)]
    alternatives = [m.function for m in zoo.load_mutants(assignment, zoo.ALTERNATIVES)]
    for f in functions:
        assert mutants.count(f) >= 5, f"{assignment}.{f}: {mutants.count(f)} mutants"
        assert alternatives.count(f) >= 2, f"{assignment}.{f}: {alternatives.count(f)} alternatives"
