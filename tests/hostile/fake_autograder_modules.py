"""Threat: sys.modules tampering. Fake ``autograder``, ``autograder.harness``,
``autograder.checks``, ``autograder.incell`` and ``autograder.assignments`` modules (and a
fake package on disk, first on sys.path) whose test runners report every test passed.

A grader that imported its harness in the student's process would run the fakes. Here
the hidden tests never run in the worker, so the stub still scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import os
import sys
import types

def _passed(*args, **kwargs):
    return "passed", "", 1000.0

package = types.ModuleType("autograder")
package.__path__ = []
sys.modules["autograder"] = package
for _sub in ("harness", "checks", "incell", "engine", "wire", "assignments", "cli"):
    module = types.ModuleType("autograder." + _sub)
    module.run_test = _passed
    module.check = lambda *a, **k: None
    module.assert_close = lambda *a, **k: None
    module.load = lambda *a, **k: None
    sys.modules["autograder." + _sub] = module
    setattr(package, _sub, module)

os.makedirs("fake/autograder", exist_ok=True)
with open("fake/autograder/__init__.py", "w") as f:
    f.write("def run_test(*a, **k):\n    return 'passed', '', 1000.0\n")
sys.path.insert(0, os.path.abspath("fake"))
'''
