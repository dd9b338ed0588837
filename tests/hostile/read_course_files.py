"""Threat: read the course directory from the worker: the source notebook with the
reference solution, solutions/, release/, the hidden tests in autograder/assignments, the
nbgrader gradebook, and run the reference solution found there to earn full marks.

Tried directly, through every /proc/<pid>/root and /proc/<pid>/cwd (the grader's own
working directory is the course), and by globbing for notebooks and gradebooks. The
course directory is covered by an empty tmpfs and other processes' /proc entries are
out of reach, so nothing is found and the stub scores 0. Finding anything raises a
breach error.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import glob
import json
import os

COURSE = "@@COURSE@@"
A = "@@ASSIGNMENT@@"
relative = [f"source/{A}/{A}.ipynb", f"solutions/{A}.ipynb", f"release/{A}/{A}.ipynb",
            "autograder/assignments/__init__.py", "autograder/harness.py", "autograder/checks.py",
            "gradebook.db", "nbgrader_config.py", "docs/AUTHORING.md"]
roots = [COURSE]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        roots += [f"/proc/{pid}/root{COURSE}", f"/proc/{pid}/cwd"]
found = {}
for root in roots:
    for rel in relative:
        try:
            with open(os.path.join(root, rel), "rb") as f:
                found[os.path.join(root, rel)] = f.read()
        except OSError:
            pass
    try:
        listing = os.listdir(root)
    except OSError:
        listing = []
    if listing and root == COURSE:
        found[root] = repr(listing).encode()
for pattern in (COURSE + "/**/*.ipynb", COURSE + "/**/gradebook.db", "/**/gradebook.db", "/root/**/*.ipynb"):
    for path in glob.glob(pattern, recursive=True)[:50]:
        found[path] = b"seen"
for path, data in found.items():
    if path.endswith(".ipynb") and len(data) > 10:
        try:
            for cell in json.loads(data)["cells"]:
                if cell["cell_type"] == "code":
                    exec("".join(cell["source"]), globals())
        except Exception:
            pass
if found:
    raise AssertionError("@@BREACH@@: read " + ", ".join(sorted(found)[:10]))
'''
