"""`nbgrader autograde` and `python -m autograder grade` agree on honest submissions.

For every assignment: in a temporary nbgrader course, the executed solution, the
release stub, three notebooks each carrying one bug-zoo mutant right after the
answer cell it replaces, and a correct solution that writes warnings to stderr
(all with their demonstration cells blanked) are graded by both; every grade
cell's points must match the test's. Slow (a kernel per notebook), part of CI.
"""
import json
import pathlib
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder import build, zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
WARNING_CELL = ("import sys, warnings\n"
                "warnings.warn('a harmless warning from correct student code')\n"
                "print('progress report on stderr', file=sys.stderr)\n")


def _with_noisy_graded_function(solution):
    """The solution with its first answer cell also warning and printing to stderr on every call."""
    nb = nbformat.from_dict(solution)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and "def " in cell.source:
            name = cell.source.split("def ", 1)[1].split("(", 1)[0]
            cell.source += ("\n\nimport functools, sys, warnings\n"
                            f"_quiet_{name} = {name}\n\n"
                            f"@functools.wraps(_quiet_{name})\n"
                            f"def {name}(*args, **kwargs):\n"
                            "    warnings.warn('this is only a warning')\n"
                            "    print('a note on stderr', file=sys.stderr)\n"
                            f"    return _quiet_{name}(*args, **kwargs)\n")
            break
    nb.cells.insert(1, nbformat.v4.new_code_cell(WARNING_CELL))
    return nb


def _submissions(assignment):
    """Demonstration cells are blanked (zoo.blank_demo_cells): neither grader's points depend on
    them (tests/test_skipping.py proves it for this engine), and nbgrader runs them in a kernel
    per notebook, which would cost minutes per assignment. Returns the notebooks by submission
    name, and the function each mutant changes by submission name."""
    solution = zoo.blank_demo_cells(zoo.handed_in(assignment))
    stub = zoo.blank_demo_cells(zoo.handed_in(assignment, stub=True))
    subs = {"solution": solution, "stub": stub, "noisy": _with_noisy_graded_function(solution)}
    seen, mutated = set(), {}   # mutated: submission name -> the function its mutant changes
    for mutant in zoo.load_mutants(assignment):
        if mutant.function not in seen and len(seen) < 3:
            seen.add(mutant.function)
            subs[f"mutant-{len(seen)}"] = zoo.full_variant(solution, mutant)
            mutated[f"mutant-{len(seen)}"] = mutant.function
    return subs, mutated


def _failure_report(stderr):
    """nbgrader's log of a failed run: its tracebacks (which come early), then its last lines."""
    lines = stderr.splitlines()
    tracebacks = [i for i, line in enumerate(lines) if "Traceback" in line or "[AutogradeApp | ERROR]" in line]
    shown = "\n".join(lines[i] for i in sorted({j for i in tracebacks for j in range(i, i + 25)}) if i < len(lines))
    return f"{shown[-6000:]}\n...\n{stderr[-1500:]}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_nbgrader_autograde_and_cli_give_the_same_points(assignment, tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source" / assignment, course / "source" / assignment)
    shutil.copytree(ROOT / "autograder", course / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    nbg = lambda *args: subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course,  # noqa: E731
                                       env=build.nbgrader_env(),
                                       capture_output=True, text=True, timeout=1800)
    assert nbg("generate_assignment", assignment, "--force").returncode == 0
    subs, mutated = _submissions(assignment)
    for student, nb in subs.items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{assignment}.ipynb"))
        if student != "stub":   # the files the notebook saved (09's decoder.pt), handed in beside it
            zoo.hand_in(folder / f"{assignment}.ipynb", assignment, mutated.get(student))
    proc = nbg("autograde", assignment, "--force")
    assert proc.returncode == 0, _failure_report(proc.stderr)

    from nbgrader.api import Gradebook
    nb_points = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in subs:
            sub = gb.find_submission_notebook(assignment, assignment, student)
            nb_points[student] = {g.name: g.auto_score for g in sub.grades}

    cli = subprocess.run([sys.executable, "-m", "autograder", "grade", str(course / "submitted"),
                          "--jobs", "2", "--json", "-"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert cli.returncode == 0, cli.stderr[-3000:]
    ours = {r["student"]: {t["id"]: t["points"] for t in r["tests"]} for r in json.loads(cli.stdout)}

    for student in subs:
        disagree = {k: (nb_points[student].get(k), v) for k, v in ours[student].items()
                    if nb_points[student].get(k) != v}
        assert ours[student] == nb_points[student], f"{student}: tests where nbgrader and the CLI disagree: {disagree}"
    full = sum(ours["solution"].values())
    assert full > 0 and sum(ours["noisy"].values()) == full, "a warning on stderr must cost no points"
    assert sum(ours["stub"].values()) == 0
    assert all(sum(ours[s].values()) < full for s in subs if s.startswith("mutant"))
    for f in ("generate_feedback", "export"):
        assert nbg(f, *([assignment, "--force"] if f == "generate_feedback" else [])).returncode == 0
