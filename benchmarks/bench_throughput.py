"""Throughput: `nbgrader autograde` vs `python -m autograder grade` on the same submissions.

For each assignment, builds 20+ submissions (the executed solution, the release
stub, and full solution notebooks with one bug-zoo mutant each, with the files a
student hands in beside the notebook, e.g. 09's decoder.pt) in a temporary
nbgrader course, then grades them once with nbgrader (a kernel per notebook,
hidden tests in the student's kernel) and once with this engine (forked
workers, tests in the trusted process), per assignment. Prints, for each assignment, the total wall times, their ratio
(this engine with --jobs N, default the number of cores, and with one job),
per-submission medians, and whether every submission got identical scores.

Usage: python benchmarks/bench_throughput.py [--assignments 00_pytorch_basics ...] [--per-assignment 20] [--jobs N]
Needs solutions/ built (python -m autograder build).
"""
import argparse
import json
import os
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

from autograder import build, engine, notebooks, zoo


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
    solution, stub = zoo.handed_in(assignment), zoo.handed_in(assignment, stub=True)
    items = [("solution", solution, True), ("stub", stub, True)]
    for mutant in zoo.load_mutants(assignment):
        if len(items) >= count:
            break
        items.append((f"m{len(items):02d}", zoo.full_variant(solution, mutant), False))
    return items


def grade_ours(files, jobs, run_all=False):
    """(results as JSON dicts, total seconds, seconds per submission) of one engine run."""
    per_item, start = {}, time.perf_counter()
    last = [start]

    def tick(result):
        now = time.perf_counter()
        per_item[result.notebook] = now - last[0]
        last[0] = now
    limits = engine.Limits(run_all=run_all)
    results = [r.to_json() for r in engine.grade_all(files, limits, jobs=jobs, progress=tick)]
    return results, time.perf_counter() - start, per_item


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", nargs="*", help="default: every assignment in solutions/")
    parser.add_argument("--per-assignment", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="jobs of this engine (default: the number of cores); --jobs 1 is timed too")
    args = parser.parse_args()
    assignments = args.assignments or sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
    report = {"assignments": {}, "jobs": args.jobs, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(tmp, assignments)
        files, honest = {a: [] for a in assignments}, set()
        for a in assignments:
            for student, nb, is_honest in submissions(a, args.per_assignment):
                sid = f"{a[:2]}-{student}"
                folder = course / "submitted" / sid / a
                folder.mkdir(parents=True)
                nbformat.write(nb, str(folder / f"{a}.ipynb"))
                zoo.hand_in(folder / f"{a}.ipynb", a)  # files a student hands in beside it (09: decoder.pt)
                files[a].append(notebooks.SubmissionFile(folder / f"{a}.ipynb", a, sid))
                if is_honest:
                    honest.add((sid, a))
        print(f"{sum(map(len, files.values()))} submissions over {len(assignments)} assignment(s)", flush=True)
        for a in assignments:
            # nbgrader: one autograde run, per-notebook times from its log's timestamps.
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "nbgrader", "autograde", a, "--force",
                 "--Application.log_format=%(asctime)s %(message)s", "--Application.log_datefmt=%s"],
                cwd=course, env=build.nbgrader_env(), capture_output=True, text=True)
            nb_total = time.perf_counter() - start
            stamps = [int(m) for m in re.findall(r"^(\d+)(?:,\d+)? .*Autograding", proc.stderr, re.M)]
            stamps.append(int(time.time()))
            nb_times = [b - a_ for a_, b in zip(stamps, stamps[1:])]
            scores_nb = gradebook_scores(course)
            # this engine, in separate runs (each pays its own pool start, one `import torch`)
            results, ours_total, per_item = grade_ours(files[a], args.jobs)
            _, one_job_total, _ = grade_ours(files[a], 1)
            equal = all(abs(r["score"] - scores_nb.get((r["student"], a), -1)) < 1e-9 for r in results)
            report["assignments"][a] = {
                "submissions": len(files[a]), "nbgrader_total_s": round(nb_total, 1),
                "ours_total_s": round(ours_total, 1), "ours_one_job_total_s": round(one_job_total, 1),
                "ratio": round(nb_total / ours_total, 2), "one_job_ratio": round(nb_total / one_job_total, 2),
                "nbgrader_median_s": statistics.median(nb_times) if nb_times else None,
                "ours_median_s": round(statistics.median(per_item.values()), 2),
                "skipped_cells_median": statistics.median(len(r["skipped_cells"]) for r in results),
                "all_scores_equal": equal,
                "mismatches": [(r["student"], r["score"], scores_nb.get((r["student"], a)))
                               for r in results if abs(r["score"] - scores_nb.get((r["student"], a), -1)) > 1e-9],
            }
            print(json.dumps({a: report["assignments"][a]}), flush=True)
    print(f"{'assignment':22s} {'subs':>4s} {'nbgrader':>9s} {'ours':>7s} {'ratio':>6s} "
          f"{'ours 1 job':>10s} {'ratio':>6s} equal")
    for a, r in report["assignments"].items():
        print(f"{a:22s} {r['submissions']:4d} {r['nbgrader_total_s']:8.1f}s {r['ours_total_s']:6.1f}s "
              f"{r['ratio']:5.1f}x {r['ours_one_job_total_s']:9.1f}s {r['one_job_ratio']:5.1f}x "
              f"{r['all_scores_equal']}")
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
