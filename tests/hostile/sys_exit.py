"""Threat: ``sys.exit(0)`` (SystemExit) in a cell, to stop the run early with a "success"
exit status before any hidden test runs.

Next to a correct solution. SystemExit is an error of that cell only; the honest code
gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import sys

sys.exit(0)
'''
