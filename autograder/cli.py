"""``python -m autograder``: grade submissions, rebuild notebooks, fill nbgrader's gradebook."""
import argparse
import json
import pathlib
import sys

from autograder import engine, harness, notebooks

EXIT_STATUSES = """exit status:
  0    every submission was graded (whatever the scores)
  1    some submission could not be graded: an unreadable or linked notebook (its
       reason is printed and in the JSON), or the grader itself failed (grade it again)
  2    usage error (bad option, missing file, unknown assignment)
  130  interrupted (Ctrl-C)"""


class UsageError(Exception):
    """A bad command line: reported in one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors."""

    def error(self, message):
        raise UsageError(f"{message} (see {self.prog} --help)")


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, not {text}")
        return value
    parse.__name__ = f"positive {kind.__name__}"
    return parse


def _assignment(text):
    known = harness.known()
    if text not in known:
        raise argparse.ArgumentTypeError(f"unknown assignment {text!r} (known: {', '.join(known)})")
    return text


def build_parser():
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = Parser(prog="python -m autograder", description=__doc__, epilog=EXIT_STATUSES,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    grade = commands.add_parser(
        "grade", help="grade notebooks or an nbgrader submitted/ tree", formatter_class=formatter,
        epilog=EXIT_STATUSES.replace("\n", " ").replace("  ", " "),
        description="Grade notebooks (files, or folders searched for them). In a folder, a notebook is "
                    "graded when its name is its assignment's notebook name (02_oscillator.ipynb); copies "
                    "such as 02_oscillator-Copy1.ipynb are skipped, as nbgrader does. Symbolic links are "
                    "never followed.")
    grade.add_argument("paths", nargs="+", metavar="PATH")
    grade.add_argument("--assignment", type=_assignment, help="grade every notebook as this assignment "
                       "(default: inferred from each file or folder name)")
    grade.add_argument("--jobs", type=_positive(int), default=1, help="submissions graded in parallel")
    grade.add_argument("--json", metavar="FILE", help="write results as JSON ('-' for stdout)")
    _add_limits(grade)

    build = commands.add_parser("build", help="regenerate release/ and solutions/ from source/",
                                formatter_class=formatter)
    build.add_argument("assignments", nargs="*", type=_assignment, help="default: every assignment in source/")
    build.add_argument("--no-execute", action="store_true", help="do not execute solutions")

    zoo = commands.add_parser("zoo", help="grade every mutant of the bug zoo and report", formatter_class=formatter)
    zoo.add_argument("assignments", nargs="*", type=_assignment, help="default: every assignment")
    zoo.add_argument("--jobs", type=_positive(int), default=2, help="submissions graded in parallel")

    sync = commands.add_parser("sync", help="rewrite the hidden-test cells of source notebooks from the registry")
    sync.add_argument("assignments", nargs="*", type=_assignment, help="default: every assignment")

    new = commands.add_parser("new", help="start an assignment: its folder and a skeleton source notebook")
    new.add_argument("assignment", help="e.g. 05_fir_noise")

    nbg = commands.add_parser("nbgrader", help="grade an nbgrader course's submitted/ and fill its gradebook",
                              formatter_class=formatter, epilog=EXIT_STATUSES.replace("\n", " ").replace("  ", " "))
    nbg.add_argument("assignment", type=_assignment)
    nbg.add_argument("--student", default="*", help="student id or glob")
    nbg.add_argument("--jobs", type=_positive(int), default=1, help="submissions graded in parallel")
    nbg.add_argument("--course", metavar="DIR", help="course folder with nbgrader_config.py "
                     "(default: the current folder if it has one, else this repository)")
    _add_limits(nbg)
    return parser


def _add_limits(parser):
    d = engine.Limits()
    parser.add_argument("--cell-timeout", type=_positive(float), default=d.cell_timeout,
                        help="seconds per notebook cell (an assignment may set its own)")
    parser.add_argument("--test-timeout", type=_positive(float), default=None,
                        help="seconds per hidden test (default: each test's own, 60 s for most)")
    parser.add_argument("--notebook-timeout", type=_positive(float), default=d.notebook_timeout,
                        help="seconds per submission, all in")
    parser.add_argument("--memory-mb", type=_positive(int), default=d.memory_mb,
                        help="memory (address space, MiB) a worker may add to what it has when it starts")
    parser.add_argument("--no-isolation", action="store_true", help="do not use Linux namespaces")
    parser.add_argument("--run-all", action="store_true",
                        help="run every notebook cell, as Restart and Run All does (by default the instructor's "
                             "cells that cannot change a grade are skipped; the JSON lists them)")


def limits_from(args):
    return engine.Limits(cell_timeout=args.cell_timeout, test_timeout=args.test_timeout,
                         notebook_timeout=args.notebook_timeout, memory_mb=args.memory_mb,
                         isolate=not args.no_isolation, run_all=args.run_all)


def _json_target(path):
    if path in (None, "-"):
        return path
    target = pathlib.Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"--json {path}: the folder {target.parent} does not exist")
    if target.is_dir():
        raise UsageError(f"--json {path}: is a folder; name a file")
    return target


def grade(args):
    json_target = _json_target(args.json)
    try:
        items = notebooks.find_submissions(args.paths, harness.known(), args.assignment,
                                           warn=lambda text: print(f"warning: {text}", file=sys.stderr))
    except notebooks.UsageError as exc:
        raise UsageError(str(exc)) from None
    hide = {notebooks.course_root()} | {item.path.resolve().parent for item in items if not item.problem}
    bar = None
    if sys.stderr.isatty() and len(items) > 1:
        from tqdm import tqdm
        bar = tqdm(total=len(items), unit="notebook", desc="grading", file=sys.stderr)
    results = engine.grade_all(items, limits_from(args), jobs=args.jobs, hide=sorted(hide),
                               progress=(lambda _: bar.update(1)) if bar else None)
    if bar:
        bar.close()
    text = json.dumps([r.to_json() for r in results], indent=2)
    if json_target == "-":
        print(text)
    elif json_target:
        json_target.write_text(text + "\n")
    report(results, sys.stderr if json_target == "-" else sys.stdout)
    return 0 if all(r.graded for r in results) else 1


def report(results, out):
    """The text report: each submission's score, what failed and why, and its errors."""
    for r in results:
        who = f"{r.student}: " if r.student else ""
        if r.outcome == "grader_failed":
            print(f"{who}{r.notebook}: NOT GRADED (the grader failed; grade it again)", file=out)
        elif r.outcome == "not_gradable":
            print(f"{who}{r.notebook}: not gradable, 0 / {r.max_score:g}", file=out)
        else:
            print(f"{who}{r.notebook}: {r.score:g} / {r.max_score:g}", file=out)
        for error in r.errors:
            print(f"  error: {error.splitlines()[0] if error else error}", file=out)
        if r.outcome == "graded":
            for t in r.tests:
                if t.status != "passed" or t.message:
                    print(f"  [{t.status}] {t.id}: {t.message}", file=out)
    bad = [r for r in results if not r.graded]
    if bad:
        print(f"{len(bad)} of {len(results)} submissions could not be graded (exit status 1)", file=sys.stderr)


def main(argv=None):
    try:
        return _main(argv)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `| head`: the reader has gone, nothing more to say
        sys.stderr.close()
        return 1


def _main(argv):
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
            path = notebooks.source_notebook(name)
            changes = authoring.sync_hidden_tests(name, path)
            print(f"{name}: " + (f"{len(changes)} hidden-test cells rewritten" if changes else "up to date"))
        return 0
    if args.command == "new":
        from autograder import authoring
        try:
            for path in authoring.new_assignment(args.assignment, notebooks.course_root()):
                print(f"created {path}")
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        return 0
    if args.command == "nbgrader":
        from autograder import gradebook
        return gradebook.main(args, limits_from(args))
    return 2
