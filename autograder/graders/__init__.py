"""Hidden tests, one module per assignment (see ``autograder.harness.GRADER_MODULES``)."""
