"""Threat: a fork bomb that keeps forking whatever happens (errors from fork are ignored),
to exhaust the machine's process table.

Next to a correct solution. The worker's pids cgroup (or RLIMIT_NPROC for a non-root
grader) caps it; the cell runs out of time, the worker's PID namespace is torn down with
every process in it, and the notebook is replayed without that cell, so the honest code
gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
'''
