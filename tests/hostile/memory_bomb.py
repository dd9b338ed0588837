"""Threat: allocate memory until the machine runs out (lists of bytearrays, a huge numpy
array, a huge tensor), after trying to lift the address-space limit.

Next to a correct solution. The worker's address-space limit turns the bomb into a
MemoryError that the cell records; the memory is released when the function returns and
the honest code gets exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import resource
import numpy as np
import torch

try:
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
except (ValueError, OSError):
    pass

def bomb():
    hoard = []
    for kind in ("bytes", "numpy", "torch"):
        try:
            while True:
                if kind == "bytes":
                    hoard.append(bytearray(64 * 2 ** 20))
                elif kind == "numpy":
                    hoard.append(np.ones(2 ** 40, dtype=np.uint8))
                else:
                    hoard.append(torch.ones(2 ** 40, dtype=torch.uint8))
        except (MemoryError, RuntimeError):
            pass
    raise MemoryError(f"hoarded {len(hoard)} blocks")

bomb()
'''
