"""Threat: a cell that never finishes (``while True: pass``), to hang the grader.

Next to a correct solution. The cell's time limit stops it; the cell is recorded as an
error and skipped when the notebook is replayed, and the honest code gets exactly full
marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
while True:
    pass
'''
