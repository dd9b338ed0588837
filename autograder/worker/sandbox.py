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
import tempfile

MiB = 1024 * 1024
# One thread per worker: the pool runs one worker per core, and extra BLAS/OpenMP threads
# (which spin while they wait) would only fight the other workers for the cores.
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Grading is CPU-only whatever torch build is installed: with a GPU visible, a CUDA build's
# first backward pass starts autograd's device threads in the fork server, and forked workers
# can then no longer use autograd. Set before torch is imported there (``preload``).
NO_DEVICES_ENV = {"CUDA_VISIBLE_DEVICES": "", "HIP_VISIBLE_DEVICES": "", "ROCR_VISIBLE_DEVICES": ""}
WORKER_ENV = {**SINGLE_THREAD_ENV, **NO_DEVICES_ENV}


def address_space_bytes():
    """This process's mapped address space now (VmSize), or 0 where /proc cannot tell."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def set_limits(settings):
    """Resource limits from ``settings`` (missing keys keep the defaults).

    ``memory_mb`` is what a worker may add to the address space it has when its limits are
    set: a CUDA build of torch maps 12-16 GB of libraries without using that memory, and an
    absolute limit would leave such a worker no room at all.
    """
    limits = {
        resource.RLIMIT_AS: address_space_bytes() + settings.get("memory_mb", 4096) * MiB,
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


PIDS_CGROUP_ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")


def pids_cgroup_path(pid):
    """Where the pids cgroup of worker ``pid`` lives, if this machine lets us make one."""
    for root in PIDS_CGROUP_ROOTS:
        if os.path.exists(os.path.join(root, "cgroup.procs")) and os.access(root, os.W_OK):
            if root.endswith("pids") or "pids" in _read(os.path.join(root, "cgroup.subtree_control")):
                return os.path.join(root, f"ddsp-worker-{pid}")
    return None


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def join_pids_cgroup(limit):
    """Bound the number of processes and threads of this worker (fork bombs), when possible.

    RLIMIT_NPROC does not bind root, so a cgroup is used where the grader may
    create one; returns True when the worker is in its own cgroup.
    """
    path = pids_cgroup_path(os.getpid())
    if path is None:
        return False
    try:
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "pids.max"), "w") as f:
            f.write(str(limit))
        with open(os.path.join(path, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))
    except OSError:
        return False
    return True


def remove_pids_cgroup(pid):
    """Called by the engine after worker ``pid`` is dead."""
    import time
    path = pids_cgroup_path(pid)
    for _ in range(50):  # the kernel may still be reaping the last processes
        if not path or not os.path.isdir(path):
            return
        try:
            os.rmdir(path)
        except OSError:
            time.sleep(0.02)


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
                       **WORKER_ENV})


def detach_resource_tracker():
    """Semaphores a worker makes (tqdm's lock) live in its private /dev/shm and die with it;
    registering them with the grader's resource tracker only makes it warn at exit."""
    from multiprocessing import resource_tracker
    resource_tracker.register = resource_tracker.unregister = lambda *args, **kwargs: None


def silence_standard_fds():
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def close_inherited_fds(keep):
    """Close every descriptor but 0-2 and ``keep`` (the worker's own pipe to the grader).

    A forked worker inherits descriptors of grader-side helpers: the fork server's liveness
    pipe (writing to it crashes the fork server) and multiprocessing's resource tracker pipe
    (a forged REGISTER line makes the grader's tracker unlink host shared memory at exit).
    """
    keep = sorted({fd for fd in keep if fd > 2})
    low = 3
    for fd in keep:
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)
    from multiprocessing import forkserver, resource_tracker
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and hasattr(tracker, "_fd"):
        tracker._fd = None   # closed above; nothing here may write to a reused number
    server = getattr(forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_forkserver_alive_fd"):
        server._forkserver_alive_fd = None


def enter(settings):
    """Everything a worker does to itself before student code runs."""
    os.setsid()
    in_cgroup = join_pids_cgroup(settings.get("nproc") or 128)
    if not in_cgroup and os.geteuid() != 0:
        settings = dict(settings, nproc=settings.get("nproc") or _user_processes() + 128)
    isolated = False
    if settings.get("isolate", True):
        from autograder.worker import namespaces
        isolated = namespaces.isolate(settings)
    detach_resource_tracker()
    workdir = private_workdir(settings)
    scrub_environment(workdir)
    silence_standard_fds()
    set_limits(settings)
    return {"isolated": isolated, "workdir": workdir, "pids_cgroup": in_cgroup}


def _user_processes():
    """Processes and threads this user runs now (RLIMIT_NPROC counts them all)."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                pass
    return count

