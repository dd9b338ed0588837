"""Limits and isolation applied to a worker before it runs student code.

``enter(settings)`` runs in the freshly forked worker process. It always sets
resource limits (address space, CPU time, file size, open files), a private
working directory and a scrubbed environment, and points the standard file
descriptors away from the grader. Namespaces (network, mounts, PIDs) are
added by :func:`isolate` where the kernel allows them; elsewhere the engine
warns once and relies on the limits alone.
"""
import os
import resource
import shutil
import tempfile

MiB = 1024 * 1024


def set_limits(settings):
    """Resource limits from ``settings`` (missing keys keep the defaults)."""
    limits = {
        resource.RLIMIT_AS: settings.get("memory_mb", 4096) * MiB,
        resource.RLIMIT_CPU: settings.get("cpu_seconds", 900),
        resource.RLIMIT_FSIZE: settings.get("file_size_mb", 64) * MiB,
        resource.RLIMIT_NOFILE: 256,
        resource.RLIMIT_CORE: 0,
    }
    if settings.get("nproc"):
        limits[resource.RLIMIT_NPROC] = settings["nproc"]
    for which, value in limits.items():
        soft, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (value, value))


def private_workdir(settings):
    """Create and enter an empty working directory; returns its path."""
    root = settings.get("workdir_root") or tempfile.gettempdir()
    path = tempfile.mkdtemp(prefix="ddsp-worker-", dir=root)
    os.chdir(path)
    return path


def scrub_environment(workdir):
    keep = {"PATH", "LANG", "LC_ALL", "TZ", "PYTHONHASHSEED"}
    for key in list(os.environ):
        if key not in keep:
            del os.environ[key]
    os.environ.update({"HOME": workdir, "TMPDIR": workdir, "IPYTHONDIR": os.path.join(workdir, ".ipython"),
                       "MPLCONFIGDIR": os.path.join(workdir, ".mpl"), "MPLBACKEND": "Agg",
                       "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})


def silence_standard_fds():
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def enter(settings):
    """Everything a worker does to itself before student code runs."""
    os.setsid()
    isolated = False
    if settings.get("isolate", True):
        from autograder.worker import namespaces
        isolated = namespaces.isolate(settings)
    workdir = private_workdir(settings)
    scrub_environment(workdir)
    silence_standard_fds()
    set_limits(settings)
    return {"isolated": isolated, "workdir": workdir}


def remove_workdir(path):
    shutil.rmtree(path, ignore_errors=True)
