"""nbgrader configuration of the course (the course directory is this folder)."""
import os

c = get_config()  # noqa: F821 - provided by traitlets

_ROOT = os.path.dirname(os.path.abspath(__file__))
# Hidden-test cells import ``autograder.incell``: make it importable for the
# kernels nbgrader starts (autograde) without installing the course.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [_ROOT, os.environ.get("PYTHONPATH")] if p)

c.CourseDirectory.root = _ROOT
c.CourseDirectory.course_id = "ddsp"

# Stubs: a function body that says the exercise is not done yet.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.enforce_metadata = True
# The torch import and the longest cell stay well inside these.
c.ExecutePreprocessor.timeout = 300
c.Execute.timeout = 300
