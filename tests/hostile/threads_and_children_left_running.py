"""Threat: leave work running after the cell: busy and sleeping threads (daemon and not),
a subprocess, a double-forked daemon in its own session (escapes the worker's process
group), and a multiprocessing child, all of them long-lived and marked in their command
line and environment; later they write marker files in /tmp.

Next to a correct solution: the honest code gets exactly full marks. After grading, the
test scans the host's /proc for any process whose command line or environment carries
the marker (every one must be gone: they die with the worker's PID namespace) and checks
no marker file appeared in host /tmp.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import multiprocessing
import os
import subprocess
import sys
import threading
import time

MARK = "@@MARKER@@"
os.environ["HOSTILE_MARKER"] = MARK

def late_writer(delay):
    time.sleep(delay)
    with open(f"/tmp/hostile_late_{MARK}_{os.getpid()}", "w") as f:
        f.write(MARK)

def spin():
    while True:
        time.sleep(0.01)

for target, daemon in ((spin, True), (spin, False), (lambda: late_writer(5), False)):
    threading.Thread(target=target, daemon=daemon).start()

subprocess.Popen(["/bin/sh", "-c", f"sleep 300; echo {MARK} > /tmp/hostile_sh_{MARK}", f"hostile-{MARK}"])

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c",
                 f"import time; time.sleep(300); open('/tmp/hostile_daemon_{MARK}', 'w').write('{MARK}')",
                 f"hostile-{MARK}"])
    os._exit(0)

ctx = multiprocessing.get_context("fork")
ctx.Process(target=late_writer, args=(300,), daemon=False).start()
'''
