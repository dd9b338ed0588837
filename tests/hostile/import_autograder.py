"""Threat: ``import autograder`` / ``from autograder.assignments import ...`` in the notebook
to read the hidden tests or call the grader's own checks; also with the course folder put
on sys.path, by file location, and by digging module objects out of ``gc`` that the worker
process might have inherited.

The worker forgets every ``autograder`` module before student code runs, the hidden tests
are never imported in a worker, and the course folder is empty there. Any success is a
breach; the stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import gc
import importlib
import importlib.util
import sys
import types

COURSE = "@@COURSE@@"
got = []
for name in ("autograder", "autograder.assignments", "autograder.checks", "autograder.harness",
             "autograder.assignments.__init__"):
    try:
        module = importlib.import_module(name)
        if getattr(module, "__file__", None) or getattr(module, "__path__", None):
            got.append(name)
    except Exception:
        pass
try:
    importlib.import_module("@@GRADER_MODULE@@")
    got.append("@@GRADER_MODULE@@")
except Exception:
    pass
sys.path.insert(0, COURSE)
importlib.invalidate_caches()
try:
    import autograder.assignments  # noqa: F401
    got.append("autograder.assignments via sys.path")
except Exception:
    pass
spec = importlib.util.spec_from_file_location("stolen", COURSE + "/autograder/checks.py")
if spec is not None:
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        got.append("checks by file location")
    except Exception:
        pass
for obj in gc.get_objects():
    if isinstance(obj, types.ModuleType) and getattr(obj, "__name__", "").startswith(
            ("autograder.assignments", "autograder.checks")):
        got.append("gc:" + obj.__name__)
sys.path.remove(COURSE)
if got:
    raise AssertionError("@@BREACH@@: " + ", ".join(got))
'''
