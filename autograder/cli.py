"""``python -m autograder``: grade submissions, rebuild notebooks, fill nbgrader's gradebook."""
import argparse
import json
import pathlib
import sys

from autograder import engine, harness, notebooks


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade notebooks or an nbgrader submitted/ tree")
    grade.add_argument("paths", nargs="+", metavar="PATH")
    grade.add_argument("--assignment", choices=harness.known())
    grade.add_argument("--jobs", type=int, default=1, help="submissions graded in parallel")
    grade.add_argument("--json", metavar="FILE", help="write results as JSON ('-' for stdout)")
    _add_limits(grade)

    build = commands.add_parser("build", help="regenerate release/ and solutions/ from source/")
    build.add_argument("assignments", nargs="*", help="default: every assignment in source/")
    build.add_argument("--no-execute", action="store_true", help="do not execute solutions")

    zoo = commands.add_parser("zoo", help="grade every mutant of the bug zoo and report")
    zoo.add_argument("assignments", nargs="*", help="default: every assignment")
    zoo.add_argument("--jobs", type=int, default=2)

    sync = commands.add_parser("sync", help="rewrite the hidden-test cells of source notebooks from the registry")
    sync.add_argument("assignments", nargs="*", help="default: every assignment")

    new = commands.add_parser("new", help="start an assignment: its folder and a skeleton source notebook")
    new.add_argument("assignment", help="e.g. 05_fir_noise")

    nbg = commands.add_parser("nbgrader", help="grade an nbgrader course's submitted/ and fill its gradebook")
    nbg.add_argument("assignment", choices=harness.known())
    nbg.add_argument("--student", default="*", help="student id or glob (default: every student)")
    nbg.add_argument("--jobs", type=int, default=1, help="submissions graded in parallel")
    nbg.add_argument("--course", metavar="DIR", help="course folder with nbgrader_config.py "
                     "(default: the current folder if it has one, else this repository)")
    _add_limits(nbg)
    return parser


def _add_limits(parser):
    d = engine.Limits()
    parser.add_argument("--cell-timeout", type=float, default=d.cell_timeout, help="seconds per cell")
    parser.add_argument("--test-timeout", type=float, default=None, help="seconds per test")
    parser.add_argument("--notebook-timeout", type=float, default=d.notebook_timeout,
                        help="seconds per submission")
    parser.add_argument("--memory-mb", type=int, default=d.memory_mb, help="worker address-space limit")
    parser.add_argument("--no-isolation", action="store_true", help="do not use Linux namespaces")


def limits_from(args):
    return engine.Limits(cell_timeout=args.cell_timeout, test_timeout=args.test_timeout,
                         notebook_timeout=args.notebook_timeout, memory_mb=args.memory_mb,
                         isolate=not args.no_isolation)


def grade(args):
    try:
        items = notebooks.find_submissions(args.paths, harness.known(), args.assignment)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    hide = {notebooks.course_root()} | {item.path.resolve().parent for item in items}
    bar = None
    if sys.stderr.isatty() and len(items) > 1:
        from tqdm import tqdm
        bar = tqdm(total=len(items), unit="notebook", desc="grading", file=sys.stderr)
    results = engine.grade_all(items, limits_from(args), jobs=args.jobs, hide=sorted(hide),
                               progress=(lambda _: bar.update(1)) if bar else None)
    if bar:
        bar.close()
    text = json.dumps(results, indent=2)
    if args.json == "-":
        print(text)
    elif args.json:
        pathlib.Path(args.json).write_text(text + "\n")
    summary = sys.stderr if args.json == "-" else sys.stdout
    for r in results:
        who = f"{r['student']}: " if r["student"] else ""
        print(f"{who}{r['notebook']}: {r['score']:g} / {r['max_score']:g}", file=summary)
        for t in r["tests"]:
            if t["status"] != "passed":
                print(f"  [{t['status']}] {t['id']}: {t['message']}", file=summary)
    not_graded = [r["notebook"] for r in results if not engine.was_graded(r)]
    for notebook in not_graded:
        print(f"error: {notebook} was not graded (see its errors); grade it again", file=sys.stderr)
    return 1 if not_graded else 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "grade":
        return grade(args)
    if args.command == "build":
        from autograder import build
        return build.main(args.assignments, execute=not args.no_execute)
    if args.command == "zoo":
        from autograder import zoo
        return zoo.main(args.assignments or harness.known(), jobs=args.jobs)
    if args.command == "sync":
        from autograder import authoring
        for name in args.assignments or harness.known():
            path = notebooks.course_root() / "source" / name / f"{name}.ipynb"
            changes = authoring.sync_hidden_tests(name, path)
            print(f"{name}: " + (f"{len(changes)} hidden-test cells rewritten" if changes else "up to date"))
        return 0
    if args.command == "new":
        from autograder import authoring
        for path in authoring.new_assignment(args.assignment, notebooks.course_root()):
            print(f"created {path}")
        return 0
    if args.command == "nbgrader":
        from autograder import gradebook
        return gradebook.main(args)
    return 2
