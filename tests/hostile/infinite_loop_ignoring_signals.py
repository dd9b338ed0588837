"""Threat: an endless loop that ignores and blocks SIGALRM, SIGINT, SIGTERM, SIGHUP,
SIGXCPU and SIGUSR1, cancels the interval timer and catches every exception, so neither
an in-process alarm nor a polite signal can stop it.

Next to a correct solution. The grader's own deadline kills the worker (SIGKILL to its
process group and PID namespace), the cell is skipped on replay, and the honest code gets
exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import signal

signals = {signal.SIGALRM, signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGXCPU, signal.SIGUSR1}
for s in signals:
    signal.signal(s, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_BLOCK, signals)
signal.setitimer(signal.ITIMER_REAL, 0)
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
'''
