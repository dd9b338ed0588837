"""Threat: use descriptors the worker inherited from grader-side helpers. A worker forked
from the fork server used to hold the fork server's liveness pipe (a write there crashed
the fork server, and later submissions failed to start) and multiprocessing's resource
tracker pipe (a forged ``REGISTER:/name:shared_memory`` line made the grader's tracker
unlink that host shared-memory object when the grader exited).

The cell lists /proc/self/fd. A worker may hold only 0-2 and its one socket to the grader
(plus the descriptor of the listing itself): anything else is a breach. Before reporting,
it writes the forged lines into every other descriptor it finds, as an attacker would.
Next to a correct solution: full marks, and every other submission of the run is graded.

Placed right after the imports cell, before the notebook's own cells open anything: a
demonstration plot makes matplotlib hold its font files open, which is the student's own
process at work, not an inherited descriptor.
"""
PLACEMENT = "reference"
POSITION = "first"
EXPECTED = "full"
SOURCE = r'''
import os
import stat

_extra = {}
for _name in os.listdir("/proc/self/fd"):
    _fd = int(_name)
    try:
        _mode = os.fstat(_fd).st_mode
    except OSError:
        continue  # the listing's own descriptor, already closed
    if _fd > 2 and not stat.S_ISSOCK(_mode):
        _extra[_fd] = stat.S_IFMT(_mode)
for _fd in _extra:
    for _payload in (b"REGISTER:/hostile_@@MARKER@@:shared_memory\n", b"x" * 64):
        try:
            os.write(_fd, _payload)
        except OSError:
            pass
_socks = 0
for _name in os.listdir("/proc/self/fd"):
    try:
        if int(_name) > 2 and stat.S_ISSOCK(os.fstat(int(_name)).st_mode):
            _socks += 1
    except OSError:
        pass
if _extra or _socks > 1:
    raise RuntimeError(f"@@BREACH@@: the worker holds descriptors beyond 0-2 and its pipe: "
                       f"{_extra}, {_socks} sockets")
'''
