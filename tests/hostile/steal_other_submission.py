"""Threat: copy another student's work. The attack knows where the honest submission
graded in the same run lives (its exact path is substituted into the cell) and tries to
read it, list its folder, and execute its code cells to earn its marks.

Submission folders are hidden from workers and /tmp is private, so the read fails and
the stub scores 0.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import json
import os

HONEST = "@@HONEST@@"
stolen = []
candidates = [HONEST]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        candidates.append(f"/proc/{pid}/root{HONEST}")
for path in candidates:
    try:
        with open(path) as f:
            notebook = json.load(f)
    except (OSError, ValueError):
        continue
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            try:
                exec("".join(cell["source"]), globals())
            except Exception:
                pass
    stolen.append(path)
try:
    siblings = os.listdir(os.path.dirname(os.path.dirname(HONEST)))
except OSError:
    siblings = []
if stolen or siblings:
    raise AssertionError(f"@@BREACH@@: read {stolen}, listed {siblings[:5]}")
'''
