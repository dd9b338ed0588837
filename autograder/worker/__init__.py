"""Code that runs inside the worker process, next to student code.

Nothing here decides points: the worker executes cells and answers call
requests with plain data (see ``autograder.wire``). It imports nothing from the
hidden tests, so the sandbox can hide them before student code runs.
"""
