"""Threat: write frames to the grader's connection that announce absurd sizes (2**60
bytes, a negative length) followed by random bytes, hoping the grader allocates the
announced size or crashes while parsing.

Next to a correct solution. Oversized frames are refused before anything is allocated,
the worker is replaced and the notebook replayed without the cell: exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os
import struct

for name in os.listdir("/proc/self/fd"):
    fd = int(name)
    try:
        if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
            os.write(fd, struct.pack("!i", -1) + struct.pack("!Q", 2 ** 60) + os.urandom(4096))
    except OSError:
        pass
'''
