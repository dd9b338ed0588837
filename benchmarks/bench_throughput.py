"""Throughput: `nbgrader autograde` vs `python -m autograder grade` on the same submissions.

For each assignment, builds 20+ submissions (the executed solution, the release
stub, and full solution notebooks with one bug-zoo mutant each) in a temporary
nbgrader course, then grades them once with nbgrader (a kernel per notebook,
hidden tests in the student's kernel) and once with this engine (forked
workers, tests in the trusted process), in one run. Prints per-submission
medians, the total wall times, their ratio, and whether the honest
submissions got identical scores.

Usage: python benchmarks/bench_throughput.py [--assignments 00_pytorch_basics ...] [--per-assignment 20] [--jobs 2]
Needs solutions/ built (python -m autograder build).
"""
import argparse
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat
from _common import ROOT

from autograder import build, engine, harness, notebooks, zoo


def make_course(tmp, assignments):
    course = pathlib.Path(tmp) / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "autograder", course / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    for a in assignments:
        shutil.copytree(ROOT / "source" / a, course / "source" / a)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", a, "--force"],
                       cwd=course, env=build.nbgrader_env(), check=True, capture_output=True)
    return course


def submissions(assignment, count):
    """(student id, notebook, honest) for the solution, the stub and mutants, ``count`` in all."""
    solution = nbformat.read(str(ROOT / "solutions" / f"{assignment}.ipynb"), 4)
    stub = nbformat.read(str(ROOT / "release" / assignment / f"{assignment}.ipynb"), 4)
    items = [("solution", solution, True), ("stub", stub, True)]
    for mutant in zoo.load_mutants(assignment):
        if len(items) >= count:
            break
        items.append((f"m{len(items):02d}", zoo.full_variant(solution, mutant), False))
    return items


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", nargs="*", help="default: every assignment in solutions/")
    parser.add_argument("--per-assignment", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    assignments = args.assignments or sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(tmp, assignments)
        files, honest = [], set()
        for a in assignments:
            for student, nb, is_honest in submissions(a, args.per_assignment):
                sid = f"{a[:2]}-{student}"
                folder = course / "submitted" / sid / a
                folder.mkdir(parents=True)
                nbformat.write(nb, str(folder / f"{a}.ipynb"))
                files.append(notebooks.SubmissionFile(folder / f"{a}.ipynb", a, sid))
                if is_honest:
                    honest.add((sid, a))
        print(f"{len(files)} submissions over {len(assignments)} assignment(s)")

        # nbgrader: one autograde run per assignment, timestamps per notebook from its log.
        nb_times, nb_total = [], 0.0
        for a in assignments:
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "nbgrader", "autograde", a, "--force",
                 "--Application.log_format=%(asctime)s %(message)s", "--Application.log_datefmt=%s"],
                cwd=course, env=build.nbgrader_env(), capture_output=True, text=True)
            nb_total += time.perf_counter() - start
            stamps = [int(m) for m in re.findall(r"^(\d+)(?:,\d+)? .*Autograding", proc.stderr, re.M)]
            stamps.append(int(time.time()))
            nb_times += [b - a_ for a_, b in zip(stamps, stamps[1:])]
        scores_nb = gradebook_scores(course)

        # this engine: all submissions in one run.
        per_item, start = {}, time.perf_counter()
        last = [start]

        def tick(result):
            now = time.perf_counter()
            per_item[result["notebook"]] = now - last[0]
            last[0] = now
        results = [r.to_json() for r in engine.grade_all(files, engine.Limits(), jobs=args.jobs, progress=tick)]
        ours_total = time.perf_counter() - start

    mismatches = [(r["student"], r["assignment"], r["score"], scores_nb.get((r["student"], r["assignment"])))
                  for r in results if (r["student"], r["assignment"]) in honest
                  and abs(r["score"] - scores_nb.get((r["student"], r["assignment"]), -1)) > 1e-9]
    report = {
        "submissions": len(files), "assignments": assignments, "jobs": args.jobs,
        "nbgrader_total_s": nb_total, "ours_total_s": ours_total, "ratio": nb_total / ours_total,
        "nbgrader_median_per_submission_s": statistics.median(nb_times) if nb_times else None,
        "ours_median_per_submission_s": statistics.median(per_item.values()),
        "honest_score_mismatches": mismatches,
        "all_scores_equal": all(abs(r["score"] - scores_nb.get((r["student"], r["assignment"]), -1)) < 1e-9
                                for r in results),
    }
    print(json.dumps(report, indent=2))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(report, indent=2))


def gradebook_scores(course):
    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for a in gb.assignments:
            for sub in gb.assignment_submissions(a.name):
                scores[(sub.student.id, a.name)] = sub.score
    return scores


if __name__ == "__main__":
    main()
