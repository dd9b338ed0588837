"""Threat: crash the interpreter with a segmentation fault (ctypes reads address 0), to
take the grader down with it or leave the submission unrecorded.

Next to a correct solution. Only the worker dies (SIGSEGV); the grader records it, starts
a new worker, replays the notebook without that cell and the honest code gets exactly
full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import ctypes

ctypes.string_at(0)
'''
