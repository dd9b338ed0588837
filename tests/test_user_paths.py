"""The README's commands, run as written, from a clean copy of the repository.

A clean copy is what `git clone` gives: the tracked files (and new files not ignored),
nothing built, no gradebook, no virtual environment inside it. The interpreter is this
suite's, used by its full path with its folder NOT on PATH, as after the README's
install command without activating the environment. Each command checked here appears
verbatim in the README, so the two cannot drift apart.
"""
import json
import os
import pathlib
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
ASSIGNMENT = "01_gain"          # a small unit: these tests are about the commands, not the grading
BIN = pathlib.Path(sys.executable).parent
pytestmark = pytest.mark.xdist_group("user-paths")


def _in_readme(command):
    assert command in README, f"the README no longer says: {command}"


def _env(home):
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and pathlib.Path(p).resolve() != BIN.resolve())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=path, HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / ".runtime"))
    return env


def _run(readme_command, cwd, home, timeout=900):
    """Run a README command (its `.venv/bin/` replaced by this interpreter's folder)."""
    _in_readme(readme_command)
    argv = readme_command.replace(".venv/bin/", f"{BIN}/").split()
    proc = subprocess.run(argv, cwd=cwd, env=_env(home), capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{readme_command}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean copy of the repository and a home folder outside it."""
    base = tmp_path_factory.mktemp("clean")
    copy = base / "course"
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    home = base / "home"
    home.mkdir()
    return copy, home


def test_self_study_grades_a_copy_of_the_release_and_the_solution(clean, tmp_path):
    copy, home = clean
    shutil.copy(copy / "release" / "02_oscillator" / "02_oscillator.ipynb", copy / "my_02_oscillator.ipynb")
    proc = _run(".venv/bin/python -m autograder grade my_02_oscillator.ipynb", copy, home)
    assert re.search(r"my_02_oscillator.ipynb: 0 / \d+", proc.stdout), proc.stdout[:500]
    shutil.copy(copy / "solutions" / "02_oscillator.ipynb", copy / "my_02_oscillator.ipynb")
    proc = _run(".venv/bin/python -m autograder grade my_02_oscillator.ipynb", copy, home)
    score, total = re.search(r"my_02_oscillator.ipynb: ([\d.]+) / ([\d.]+)", proc.stdout).groups()
    assert float(score) == float(total) > 0


def _readme(readme_command, cwd, home, extra=()):
    """Run a README command written for 02_oscillator, for this test's (smaller) assignment."""
    _in_readme(readme_command)
    argv = readme_command.replace("02_oscillator", ASSIGNMENT).replace(".venv/bin/", f"{BIN}/").split()
    proc = subprocess.run(argv + list(extra), cwd=cwd, env=_env(home), capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, f"{readme_command}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


def _nbgrader(args, cwd, home):
    proc = subprocess.run([f"{BIN}/nbgrader", *args], cwd=cwd, env=_env(home), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, f"nbgrader {args}\n{proc.stderr[-3000:]}"


def test_instructor_path_release_collect_grade_feedback_export(clean):
    """generate, release, a student's fetch and submit, collect, grade (both ways), feedback, export."""
    copy, home = clean
    _readme(".venv/bin/nbgrader generate_assignment 02_oscillator --force", copy, home)
    _readme(".venv/bin/nbgrader release_assignment 02_oscillator", copy, home)
    with sqlite3.connect(copy / "gradebook.db") as db:   # alembic found although the venv is not on PATH
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "alembic_version" in tables

    # a student on the same machine: fetch, work (the reference answers), submit; then collect
    student = home / "student"
    student.mkdir()
    exchange = f"--Exchange.root={copy / 'exchange'}"
    _nbgrader(["fetch_assignment", ASSIGNMENT, "--course", "ddsp", exchange], student, home)
    shutil.copy(copy / "solutions" / f"{ASSIGNMENT}.ipynb", student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    _nbgrader(["submit", ASSIGNMENT, "--course", "ddsp", exchange], student, home)
    _nbgrader(["collect", ASSIGNMENT], copy, home)
    [collected] = list((copy / "submitted").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))
    who = collected.parent.parent.name

    proc = _readme(".venv/bin/python -m autograder nbgrader 02_oscillator --jobs 4", copy, home)
    assert re.search(rf"{who}: ([\d.]+) / \1\b", proc.stdout), proc.stdout
    _readme(".venv/bin/nbgrader generate_feedback 02_oscillator", copy, home)
    _readme(".venv/bin/nbgrader export", copy, home)
    assert (copy / "feedback" / who / ASSIGNMENT / f"{ASSIGNMENT}.html").exists()
    rows = (copy / "grades.csv").read_text().splitlines()
    assert len(rows) == 2 and who in rows[1]
    ignored = subprocess.run(["git", "check-ignore", "-q", "grades.csv"], cwd=ROOT)
    assert ignored.returncode == 0, "grades.csv from nbgrader export must be ignored by git"
    # plain nbgrader autograde, after generate_assignment, on the same submission
    _in_readme(".venv/bin/nbgrader autograde 02_oscillator")
    _nbgrader(["autograde", ASSIGNMENT, "--force"], copy, home)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_formgrader_from_the_readme_jupyter_lab_answers_and_creates_a_complete_gradebook(clean, tmp_path):
    """The install command starts `.venv/bin/jupyter lab` without activating the environment;
    formgrader's first request must work (it used to fail: `alembic` was not on PATH)."""
    copy, home = clean
    _in_readme(".venv/bin/jupyter lab release/")
    course = tmp_path / "course"
    shutil.copytree(copy, course, ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded",
                                                                "feedback", "exchange", "grades.csv"))
    port, token = _free_port(), "formgrader-test"
    argv = [f"{BIN}/jupyter", "lab", "release/", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", *(["--allow-root"] if os.geteuid() == 0 else [])]
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen(argv, cwd=course, env=_env(home), stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not start: " + (tmp_path / "server.log").read_text()[-2000:])
        page = urllib.request.urlopen(f"{base}/formgrader/api/assignments?token={token}", timeout=60)
        assignments = json.loads(page.read())
        assert page.status == 200 and isinstance(assignments, (list, dict)), assignments
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    text = (tmp_path / "server.log").read_text()
    mentions = text.lower().replace("alembic_version", "")
    assert "FileNotFoundError" not in text and "alembic" not in mentions, text[-3000:]
    with sqlite3.connect(course / "gradebook.db") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "alembic_version" in tables
