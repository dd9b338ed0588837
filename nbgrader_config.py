"""nbgrader configuration of the course (the course directory is this folder)."""
import os
import sys

c = get_config()  # noqa: F821 - provided by traitlets

_ROOT = os.path.dirname(os.path.abspath(__file__))
# Hidden-test cells import ``autograder.incell``: requirements.txt installs this package
# (pip install -e .), so the kernels nbgrader starts find it.
# nbgrader starts the gradebook's migration tool (``alembic``) by name: find it beside this
# interpreter even when its virtual environment is not activated (formgrader, autograde).
_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(p for p in [_BIN, os.environ.get("PATH")] if p)

c.CourseDirectory.root = _ROOT
c.CourseDirectory.course_id = "ddsp"
# release_assignment / fetch / submit / collect go through a folder of this course by default
# (nbgrader's own default, /srv/nbgrader/exchange, does not exist on most machines). For a
# shared machine, point it at a folder every student can write to.
c.Exchange.root = os.path.join(_ROOT, "exchange")
os.makedirs(c.Exchange.root, exist_ok=True)

# Stubs: a function body that says the exercise is not done yet.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.enforce_metadata = True
# The torch import and the longest cell stay well inside these.
c.ExecutePreprocessor.timeout = 300
c.Execute.timeout = 300
