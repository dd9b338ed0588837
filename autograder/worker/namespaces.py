"""Linux namespaces for a worker: what student code can see and reach.

``isolate(settings)`` runs in the freshly forked, single-threaded worker:

1. new user, mount, network, IPC, UTS and PID namespaces (no network at all:
   not even the host's loopback);
2. the whole file system is made read-only, the course directory, the
   submissions' folders and any other ``settings["hide"]`` path are covered by
   empty read-only tmpfs mounts (the Python installation is bound back if it
   lives inside one), and /tmp, /var/tmp and /dev/shm become private tmpfs;
3. a second user namespace locks those mounts (student code cannot unmount
   them) and every capability is dropped, with ``no_new_privs`` set;
4. the process forks: the child is PID 1 of its own PID namespace, so every
   process student code starts dies with it; the parent only waits.

Returns True in the child when isolated. Raises ``OSError`` when the kernel
refuses; the engine probes :func:`available` first and warns when it is not.
"""
import ctypes
import os
import signal
import subprocess
import sys

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 32, 1024, 2048, 4096
MS_REC, MS_PRIVATE, MS_RELATIME, MS_STRICTATIME = 16384, 1 << 18, 1 << 21, 1 << 24
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP = 1, 4, 38, 24

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       flags, data and data.encode()), f"mount {target}")


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _enter_user_namespace(flags, inside_uid):
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc.unshare(CLONE_NEWUSER | flags), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{inside_uid} {uid} 1")
    _write("/proc/self/gid_map", f"{inside_uid} {gid} 1")


def _mount_points():
    points = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            point = line.split()[4].encode().decode("unicode_escape")
            points.append(point)
    return points


def _locked_flags(path):
    """Per-mount flags that must be kept when remounting inside a user namespace."""
    st = os.statvfs(path)
    flags = 0
    for st_flag, ms_flag in ((2, MS_NOSUID), (4, MS_NODEV), (8, MS_NOEXEC), (1024, MS_NOATIME),
                             (2048, MS_NODIRATIME), (4096, MS_RELATIME)):
        if st.f_flag & st_flag:
            flags |= ms_flag
    return flags


def _under(point, prefixes):
    return any(point == p or point.startswith(p + "/") for p in prefixes)


def _read_only_everywhere(skip_prefixes=("/proc",), only_prefixes=None):
    # /sys and /dev too: the worker's uid maps to the grader's, and when that is root,
    # root-owned sysfs files (cgroup limits, power state) and devtmpfs would be writable.
    # Device nodes keep working on a read-only mount.
    for point in sorted(set(_mount_points()), key=len):
        if _under(point, skip_prefixes) or (only_prefixes is not None and not _under(point, only_prefixes)):
            continue
        try:
            _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _locked_flags(point))
        except OSError:
            pass  # a mount we cannot see or change stays as it is; the hidden paths are covered below


def _cover(path, keep, options, read_only):
    """Mount an empty tmpfs on ``path``, binding back read-only the ``keep`` paths inside it."""
    keep = [k for k in keep if k == path or k.startswith(path.rstrip("/") + "/")]
    handles = {k: os.open(k, os.O_PATH) for k in keep if os.path.exists(k)}
    _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options)
    for k, fd in handles.items():
        inside = os.path.join(path, os.path.relpath(k, path))
        os.makedirs(inside, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", inside, None, MS_BIND | MS_REC)
        _mount(None, inside, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _locked_flags(inside))
        os.close(fd)
    if read_only:
        _mount(None, path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _hide(path, keep):
    """Cover ``path`` with an empty read-only tmpfs, binding back the ``keep`` paths inside it."""
    _cover(path, keep, "size=1m,mode=0755", read_only=True)


DEV_NODES = ("null", "zero", "full", "random", "urandom")


def _minimal_dev():
    """Replace /dev by a tmpfs holding only harmless character devices (bound from the host),
    the usual symlinks and mount points. The worker's uid is the grader's: when that is root,
    the host's /dev would let student code open consoles, ttys, kmsg, kvm, loop devices..."""
    handles = {name: os.open(f"/dev/{name}", os.O_PATH) for name in DEV_NODES if os.path.exists(f"/dev/{name}")}
    _mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755")
    for name, fd in handles.items():
        open(f"/dev/{name}", "w").close()
        _mount(f"/proc/self/fd/{fd}", f"/dev/{name}", None, MS_BIND)
        os.close(fd)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"/dev/{name}")
    os.mkdir("/dev/shm")
    _mount(None, "/dev", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC)


def _python_paths():
    """Folders the interpreter needs to import modules student code may ask for."""
    paths = {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix),
             os.path.realpath(os.path.dirname(sys.executable))}
    paths |= {os.path.realpath(p) for p in sys.path if p and "site-packages" in p}
    return sorted(paths)


def _drop_capabilities():
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    data = (Data * 2)()
    _check(_libc.capset(ctypes.byref(Header(0x20080522, 0)), data), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _become_pid_one():
    """Fork; the parent waits and exits with the child's status, the child continues."""
    # Opened before the fork: parent and child share the new mount namespace, and a parent
    # opening /dev/null later could open the child's placeholder file on its fresh /dev
    # tmpfs for writing, which makes the child's read-only remount of /dev fail (EBUSY).
    devnull = os.open(os.devnull, os.O_RDWR)
    child = os.fork()
    if child == 0:
        os.close(devnull)
        # The parent is outside this PID namespace (getppid() is 0 here). If it is killed
        # before this line, the engine's kill of the whole process group still reaches us.
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # A session of its own: killpg(0) or kill(0) in student code must not reach the
        # waiting parent outside the namespace (whose death would take the worker down late,
        # after its cell had already answered).
        os.setsid()
        return
    # Student code sees this process in /proc (outside its PID namespace, same uid): it must
    # find neither the grader's stdout/stderr behind /proc/<pid>/fd nor anything else there.
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, 65536)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(1))
    _, status = os.waitpid(child, 0)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))


def _fresh_proc():
    """Mount a procfs of the new PID namespace on /proc, or hide /proc where that is refused.

    The host's /proc lists every process of the machine; through /proc/<pid>/root,
    /fd or /environ of a process with the grader's uid it would lead out of this mount
    namespace (to the course files). A procfs of our own PID namespace shows only the
    worker's own processes.
    """
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except OSError:
        _mount("tmpfs", "/proc", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")


def isolate(settings):
    """Enter the namespaces described above; returns True in the (new) worker process."""
    _enter_user_namespace(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID, 0)
    _become_pid_one()  # from here on: PID 1 of the new PID namespace
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _read_only_everywhere()
    keep = _python_paths()
    for path in sorted({os.path.realpath(p) for p in settings.get("hide", [])}, key=len):
        if os.path.isdir(path) and path != "/":
            _hide(path, keep)
    _minimal_dev()
    for path in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(path):
            # A private, writable tmpfs; an interpreter installed under it (a CI virtual
            # environment made by mktemp, say) is bound back read-only.
            size = settings.get("file_size_mb", 64) * 4
            _cover(path, keep, f"size={size}m,mode=1777", read_only=False)
    _fresh_proc()
    _enter_user_namespace(CLONE_NEWNS, 1000)  # locks the mounts above
    # /proc last: the uid maps above are written through it. Read-only, sysctls such as
    # kernel.core_pattern cannot be written even when the grader (hence the worker's uid) is root.
    _read_only_everywhere(skip_prefixes=(), only_prefixes=("/proc",))
    _drop_capabilities()
    # Changing credentials (the user namespace, capset) clears the parent-death signal: set again.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return True


def available():
    """Whether this kernel lets an unprivileged process build the sandbox (probed in a subprocess)."""
    if not sys.platform.startswith("linux"):
        return False
    probe = ("import sys; sys.path.insert(0, sys.argv[1]);"
             "from autograder.worker import namespaces as n;"
             "n._enter_user_namespace(n.CLONE_NEWNS|n.CLONE_NEWNET|n.CLONE_NEWIPC|n.CLONE_NEWPID, 0);"
             "n._mount(None, '/', None, n.MS_REC|n.MS_PRIVATE);"
             "n._mount('tmpfs', '/tmp', 'tmpfs', 0, 'size=1m');"
             "n._enter_user_namespace(n.CLONE_NEWNS, 1000); n._drop_capabilities(); print('ok')")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        out = subprocess.run([sys.executable, "-c", probe, root], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.stdout.strip() == "ok"
