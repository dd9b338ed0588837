"""Threat: kill everything: ``kill(-1, SIGKILL)`` (every process the worker may signal),
``killpg(0, SIGKILL)`` (its process group) and SIGKILL to every pid listed in /proc,
hoping to take down the grader, other students' workers or the machine.

Next to a correct solution. Signals from inside the worker's PID namespace reach only its
own processes; the worker dies, the cell is skipped on replay, the other submissions of
the run are unaffected and the honest code gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os
import signal

for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
try:
    os.kill(-1, signal.SIGKILL)
except OSError:
    pass
os.killpg(0, signal.SIGKILL)
'''
