"""Threat: print a fake grading result (JSON with full marks, nbgrader-style "passed"
lines) to sys.stdout, sys.__stdout__, sys.__stderr__, file descriptors 1 and 2 via
os.write, /proc/self/fd/1, /dev/tty, and the standard streams of every process visible in
/proc, hoping a grader that reads output (or a pipeline parsing ``--json -``) picks it up.

Worker output is captured in a bounded buffer, descriptors 0-2 point to /dev/null, and
the worker's helper parent is not dumpable, so no byte reaches the grader's streams; the
stub scores 0. The CLI test in test_engine.py greps its real stdout for the marker.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import json
import os
import sys

fake = json.dumps([{"student": None, "assignment": "@@ASSIGNMENT@@", "notebook": "x", "score": 1000.0,
                    "max_score": 1000.0, "tests": [], "errors": [], "fake": "@@MARKER@@"}])
line = ("\n" + fake + "\n@@MARKER@@ all tests passed\n").encode()
print(fake)
print(fake, file=sys.stderr)
for stream in (sys.__stdout__, sys.__stderr__):
    try:
        stream.write(line.decode())
        stream.flush()
    except Exception:
        pass
for fd in (1, 2):
    try:
        os.write(fd, line)
    except OSError:
        pass
targets = ["/proc/self/fd/1", "/proc/self/fd/2", "/dev/tty", "/dev/console"]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        targets += [f"/proc/{pid}/fd/1", f"/proc/{pid}/fd/2"]
reached = []
for path in targets:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        continue
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
        os.write(fd, line)
        if "null" not in target:
            reached.append(f"{path} -> {target}")
    except OSError:
        pass
    finally:
        os.close(fd)
if reached:
    raise AssertionError("@@BREACH@@: wrote to " + ", ".join(reached))
'''
