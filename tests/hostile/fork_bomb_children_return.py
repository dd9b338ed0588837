"""Threat: a fork bomb whose processes stop when fork fails: every copy of the worker then
finishes the cell and returns to the worker's request loop, so dozens of processes
answer the grader on the same pipe and compete for its next requests.

Next to a correct solution. Only the worker process itself may answer (a forked copy
exits instead), so the grader reads one answer per request and the honest code gets
exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os

for _ in range(12):
    os.fork()
'''
