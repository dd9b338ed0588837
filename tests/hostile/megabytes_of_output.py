"""Threat: tens of megabytes of output (print, sys.stdout.write, display of a huge HTML
object, os.write to descriptors 1 and 2, and a huge exception message), to exhaust the
grader's memory or bloat the results file.

Next to a correct solution. Output is counted but only a bounded prefix is kept, the
descriptors lead to /dev/null and error messages are truncated; the honest code gets
exactly full marks and the test checks the result stays small.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import os
import sys
from IPython.display import HTML, display

chunk = "@@MARKER@@ " * 100_000
for _ in range(20):
    print(chunk)
    sys.stdout.write(chunk)
    sys.stderr.write(chunk)
display(HTML("<p>" + chunk * 10 + "</p>"))
for fd in (1, 2):
    try:
        os.write(fd, chunk.encode() * 10)
    except OSError:
        pass
raise ValueError(chunk * 10)
'''
