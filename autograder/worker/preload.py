"""Imports paid once per worker pool: the fork server imports this module.

Kept apart from ``runtime`` because the nbgrader in-kernel path imports
``runtime`` too, and must not switch the student's matplotlib backend.
"""
import os

from autograder.worker.sandbox import WORKER_ENV

# Set before NumPy's OpenBLAS, torch's OpenMP and any GPU runtime load; workers inherit it.
os.environ.update(WORKER_ENV)

import matplotlib

matplotlib.use("Agg")

import IPython.core.interactiveshell
import IPython.display  # noqa: F401
import matplotlib.pyplot
import scipy.fft
import scipy.signal  # noqa: F401
import torch
import tqdm  # noqa: F401

from autograder.worker import namespaces, runtime, sandbox  # noqa: F401

runtime.add_assignment_helpers()


def _warm_up():
    """Pay once per pool, not once per worker, for torch's lazy first uses.

    Constructing the first optimizer imports torch._dynamo (about a second of CPU); the
    first backward pass, FFT and interpolation initialise their own machinery. Done here,
    in the fork server, every worker inherits the result. One thread, so no thread pool
    exists to be lost by the fork.
    """
    torch.set_num_threads(1)
    x = torch.zeros(2, 8, requires_grad=True)
    y = torch.nn.functional.interpolate(x[:, None], size=16, mode="linear", align_corners=False)[:, 0]
    torch.fft.rfft(torch.sin(torch.cumsum(y, dim=-1))).abs().mean().backward()
    for optimizer in (torch.optim.Adam([x], lr=0.1), torch.optim.SGD([x], lr=0.1)):
        optimizer.step()
        optimizer.zero_grad()


_warm_up()
# No GPU may be initialised here: forked workers could not use autograd after that.
assert not torch.cuda.is_initialized(), "the fork server initialised CUDA"
