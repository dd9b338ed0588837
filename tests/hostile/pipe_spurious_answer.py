"""Threat: write a well-formed answer into the worker's connection while a cell runs, so
the grader takes it for the cell's answer and then reads every later answer one request
late (answers to hidden tests shifted onto other tests).

Next to a correct solution. Answers carry the number of the request they answer; an
answer out of turn stops that worker, the notebook is replayed without the cell, and the
honest code gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import json
import os
import struct

header = json.dumps({"ok": True, "error": None, "output_chars": 0, "value": 1.0}).encode()
message = struct.pack("<Q", len(header)) + header
frame = struct.pack("!i", len(message)) + message
for name in os.listdir("/proc/self/fd"):
    fd = int(name)
    try:
        if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
            os.write(fd, frame * 3)
    except OSError:
        pass
'''
