"""Imports paid once per worker pool: the fork server imports this module.

Kept apart from ``runtime`` because the nbgrader in-kernel path imports
``runtime`` too, and must not switch the student's matplotlib backend.
"""
import matplotlib

matplotlib.use("Agg")

import IPython.core.interactiveshell  # noqa: E402,F401
import IPython.display  # noqa: E402,F401
import matplotlib.pyplot  # noqa: E402,F401
import scipy.fft  # noqa: E402,F401
import scipy.signal  # noqa: E402,F401
import torch  # noqa: E402,F401
import tqdm  # noqa: E402,F401

from autograder.worker import namespaces, runtime, sandbox  # noqa: E402,F401
