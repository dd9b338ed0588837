"""Grading is deterministic: the same submissions graded three times give identical JSON.

The submissions cover every path a result can take: full marks (the solution), zero
(the release stubs), a bug-zoo mutant that fails with messages quoting observed values,
and a submission that draws unseeded random numbers inside a graded function (each call
in the worker starts from the same random state, so even its messages repeat). The three
runs differ in parallelism (``--jobs 2``, ``--jobs 2``, ``--jobs 1``). The result JSON
carries no timings, so "identical" means equal, byte for byte.
"""
import json
import pathlib
import subprocess
import sys

import nbformat

from autograder import zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENT = "01_gain"
RANDOM_CELL = '''
_exact_waveform_l1 = waveform_l1


def waveform_l1(x, y):
    # A wrong answer that changes from call to call unless the random state is reset.
    return _exact_waveform_l1(x, y) + 1e-3 * torch.rand((), dtype=x.dtype)
'''


def _write(folder, name, notebook):
    path = folder / name / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, str(path))
    return str(path)


def _grade(paths, jobs):
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", *paths, "--assignment", ASSIGNMENT,
                           "--jobs", str(jobs), "--json", "-"], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_three_gradings_of_the_same_submissions_give_identical_json(tmp_path):
    solution, stub = zoo.handed_in(ASSIGNMENT), zoo.handed_in(ASSIGNMENT, stub=True)
    mutant = zoo.load_mutants(ASSIGNMENT)[0]
    noisy = nbformat.from_dict(solution)
    noisy.cells.append(nbformat.v4.new_code_cell(RANDOM_CELL))
    paths = [_write(tmp_path, "solution", solution), _write(tmp_path, "stub", stub),
             _write(tmp_path, "mutant", zoo.full_variant(solution, mutant)), _write(tmp_path, "noisy", noisy)]

    runs = [_grade(paths, jobs) for jobs in (2, 2, 1)]

    results = json.loads(runs[0])
    scores = {pathlib.Path(r["notebook"]).parent.name: r["score"] for r in results}
    max_score = results[0]["max_score"]
    assert scores["solution"] == max_score and scores["stub"] == 0
    assert 0 < scores["mutant"] < max_score and 0 < scores["noisy"] < max_score, scores
    failed_noisy = [t["message"] for t in results[3]["tests"] if t["status"] == "failed"]
    assert any("got" in m for m in failed_noisy), "the noisy submission should fail with observed values"
    assert runs[1] == runs[0], "a second grading differs from the first"
    assert runs[2] == runs[0], "grading with --jobs 1 differs from --jobs 2"
