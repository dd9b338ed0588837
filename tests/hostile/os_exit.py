"""Threat: ``os._exit(0)`` in a cell kills the worker without any cleanup or answer, to
make the grader lose the submission (or record it as a success).

Next to a correct solution. The grader sees its worker die, records the cell, starts a
new worker and replays the notebook without that cell: exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os

os._exit(0)
'''
