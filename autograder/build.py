"""Regenerates ``release/`` (with nbgrader) and ``solutions/`` (executed) from ``source/``.

``python -m autograder build [ASSIGNMENT...] [--no-execute]``

- release/NN_slug/: ``nbgrader generate_assignment`` run in a temporary copy of
  the course (no gradebook appears in the repository);
- solutions/NN_slug.ipynb: the release notebook with every answer cell given
  the source's code (solution markers removed), executed top to bottom.
Output is deterministic: rebuilding unchanged sources changes no file.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import nbformat

from autograder import notebooks

MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


def root():
    return notebooks.course_root()


def nbgrader_env(**extra):
    """Environment for running ``python -m nbgrader`` with this interpreter.

    nbgrader starts ``alembic`` by name to create or upgrade a gradebook, so the
    interpreter's bin folder must come first on PATH even when the venv is not activated.
    """
    env = dict(os.environ, **extra)
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    return env


def assignments_in_source(base):
    return sorted(p.name for p in (base / "source").iterdir() if p.is_dir() and p.name[:2].isdigit())


def generate_release(base, assignment, out_dir):
    """nbgrader's release of ``assignment`` into ``out_dir``/assignment."""
    with tempfile.TemporaryDirectory() as tmp:
        course = pathlib.Path(tmp)
        shutil.copy(base / "nbgrader_config.py", course)
        shutil.copytree(base / "source" / assignment, course / "source" / assignment)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force",
                        "--no-db", f"--CourseDirectory.root={course}"],
                       cwd=course, env=nbgrader_env(), check=True, capture_output=True, text=True)
        target = out_dir / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(course / "release" / assignment, target)
    for path in target.glob("*.ipynb"):
        nb = nbformat.read(str(path), 4)
        nbformat.write(normalise(nb), str(path))
    return target


def solution_cells(source_nb):
    return {c.metadata["nbgrader"]["grade_id"]: MARKER.sub("", c.source)
            for c in source_nb.cells if c.metadata.get("nbgrader", {}).get("solution")}


def solution_notebook(release_nb, source_nb):
    """The release notebook with each answer cell's solution filled in (not executed)."""
    answers = solution_cells(source_nb)
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def execute_notebook(nb, timeout=600):
    from nbclient import NotebookClient
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalise(nb):
    """Drop what changes from run to run: execution timings, widget state and widget views.

    A progress bar's widget view names a model by a random id, and its state is not saved
    with the notebook anyway; its text/plain form (the finished bar) is kept. Rebuilding an
    unchanged source then changes no byte.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                data.setdefault("text/plain", "")
    return nb


def build(name, base, out, execute=True):
    """release/<name>/ and solutions/<name>.ipynb of one assignment, written under ``out``."""
    print(f"{name}: release", flush=True)
    target = generate_release(base, name, out / "release")
    source_nb = nbformat.read(str(base / "source" / name / f"{name}.ipynb"), 4)
    release_nb = nbformat.read(str(target / f"{name}.ipynb"), 4)
    nb = solution_notebook(release_nb, source_nb)
    if execute:
        print(f"{name}: executing the solution", flush=True)
        nb = execute_notebook(nb)
    (out / "solutions").mkdir(parents=True, exist_ok=True)
    nbformat.write(normalise(nb), str(out / "solutions" / f"{name}.ipynb"))


def main(assignments=None, execute=True):
    base = root()
    for name in assignments or assignments_in_source(base):
        build(name, base, base, execute=execute)
    return 0
