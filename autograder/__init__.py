"""Hidden graders and the grading engine of the DDSP course (instructor only).

Layout:
    wire.py         plain-data message format (no pickle) between grader and worker
    worker/         what runs in the worker process, next to student code
    engine.py       worker pool, timeouts, limits; drives one submission
    sandbox.py      Linux namespaces and resource limits for workers
    harness.py      the API hidden tests are written in (registry, calls, results)
    checks.py       assertions with teaching messages, numerical tolerances
    graders/        one module of hidden tests per assignment
    mutants/        the bug zoo: wrong implementations that must lose points
    notebooks.py    reading notebooks and nbgrader trees
    build.py        regenerates release/ and solutions/ from source/
    incell.py       runs a hidden test inside an nbgrader kernel
    cli.py          ``python -m autograder grade|build|nbgrader``

Importing this package imports nothing else, so the worker can load its
runtime without pulling in the hidden tests.
"""
