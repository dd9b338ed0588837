"""Threat: escape through /proc. The worker's /proc is the host's, so it lists every
process on the machine; the attack tries each one that is not in its own PID namespace:
read its environment (tokens), open its memory, its file descriptors (the grader's stdout,
its pipes to other workers), its root and working directory (the host's file system,
outside the worker's mount namespace).

Other processes' entries are protected (a different user namespace or a non-dumpable
helper), and /proc is read-only; the stub scores 0 and any success raises a breach.
"""
PLACEMENT = "stub"
EXPECTED = 0
SOURCE = r'''
import os

def ns(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None

mine = ns("self")
reached = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or ns(pid) == mine:
        continue
    for what, flags in (("environ", os.O_RDONLY), ("mem", os.O_RDWR), ("mem", os.O_RDONLY),
                        ("fd/0", os.O_RDONLY), ("fd/1", os.O_WRONLY), ("fd/2", os.O_WRONLY)):
        try:
            fd = os.open(f"/proc/{pid}/{what}", flags | os.O_NONBLOCK)
        except OSError:
            continue
        os.close(fd)
        reached.append(f"{pid}/{what}")
    for what in ("root", "cwd", "fd"):
        try:
            os.listdir(f"/proc/{pid}/{what}")
            reached.append(f"{pid}/{what}")
        except OSError:
            pass
if reached:
    raise AssertionError("@@BREACH@@: reached " + ", ".join(reached[:10]))
'''
