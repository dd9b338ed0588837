"""Hidden graders and the grading engine of the DDSP course (instructor only).

Layout:
    assignments/    one folder per assignment: hidden tests, bug zoo, correct
                    alternatives, worker-side helpers (see assignments/__init__.py)
    wire.py         plain-data message format (no pickle) between grader and worker
    worker/         what runs in the worker process, next to student code
                    (runtime, sandbox limits, Linux namespaces, fork-server preload)
    engine.py       worker pool, timeouts, limits; drives one submission
    harness.py      the API hidden tests are written in (registry, calls, results)
    checks.py       assertions with teaching messages, numerical tolerances
    oracles.py      numpy references shared by several assignments
    notebooks.py    reading notebooks and nbgrader trees
    zoo.py          grades the bug zoo and the correct alternatives
    build.py        regenerates release/ and solutions/ from source/
    authoring.py    nbgrader cells with the registry's ids and points
    gradebook.py    ``python -m autograder nbgrader``: results into nbgrader's gradebook
    incell.py       runs a hidden test inside an nbgrader kernel
    cli.py          ``python -m autograder grade|build|zoo|nbgrader``

Importing this package imports nothing else, so the worker can load its
runtime without pulling in the hidden tests.
"""
