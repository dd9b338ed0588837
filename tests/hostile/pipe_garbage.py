"""Threat: find the worker's connection to the grader (a socket among the open file
descriptors) and write garbage into it: a frame header announcing 2**60 bytes, a frame
announcing 1000 bytes followed by only a few (so a naive reader blocks forever), and
random bytes.

Next to a correct solution. The grader reads answers with its own deadline, rejects
malformed frames, stops that worker and replays the notebook without the cell: exactly
full marks, and the grader does not hang.
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
            os.write(fd, struct.pack("!i", 1000) + b"short")
    except OSError:
        pass
'''
