"""Threat: a KeyboardInterrupt raised from a cell (directly and by sending SIGINT to the
worker itself), to make the grader believe it was interrupted by its operator and stop.

Next to a correct solution: the interrupt is an error of that cell only, and the honest
code gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os
import signal
import time

try:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(1)
finally:
    raise KeyboardInterrupt("stop grading")
'''
