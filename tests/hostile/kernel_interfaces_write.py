"""Threat: reach the kernel behind the grader's back. When the grader runs as root, the
worker's uid maps to root, so file permissions alone would let it write sysctls
(kernel.core_pattern = run a program as root on the next crash), cgroup files (leave its
pids cgroup, raise its limits), /sys/power/state, and open device nodes (consoles, ttys,
kmsg, kvm, loop devices, the disk), create files in /dev, or raise its own rlimits.

Next to a correct solution. Every file is only opened, never written, so a failure of
the sandbox is reported as a breach without harming the machine; with /proc, /sys
read-only and a minimal /dev, all attempts fail and the grade is exactly full marks.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import glob
import os
import resource

MARK = "@@MARKER@@"
paths = ["/proc/sys/kernel/core_pattern", "/proc/sys/kernel/printk", "/proc/sys/vm/drop_caches",
         "/proc/sysrq-trigger", "/proc/sys/kernel/pid_max", "/sys/fs/cgroup/pids/cgroup.procs",
         "/sys/fs/cgroup/pids/release_agent", "/sys/fs/cgroup/memory/memory.limit_in_bytes",
         "/sys/power/state", "/sys/kernel/mm/transparent_hugepage/enabled"]
for line in open("/proc/self/cgroup"):
    parts = line.strip().split(":", 2)
    if len(parts) == 3 and "pids" in parts[1]:
        paths.append(f"/sys/fs/cgroup/pids{parts[2]}/pids.max")
        paths.append(f"/sys/fs/cgroup/pids{parts[2]}/cgroup.procs")
paths += sorted(glob.glob("/dev/*"))
harmless = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
            "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd", "/dev/shm"}
opened = []
for path in paths:
    if path in harmless:
        continue
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        continue
    os.close(fd)
    opened.append(path)
for path in (f"/dev/hostile_{MARK}", f"/sys/fs/cgroup/pids/hostile_{MARK}"):
    try:
        if path.startswith("/dev/"):
            open(path, "w").close()
        else:
            os.mkdir(path)
    except OSError:
        continue
    opened.append("created " + path)
    try:
        os.remove(path) if path.startswith("/dev/") else os.rmdir(path)
    except OSError:
        pass
for limit in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE):
    soft, hard = resource.getrlimit(limit)
    if hard != resource.RLIM_INFINITY:
        try:
            resource.setrlimit(limit, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            opened.append(f"raised rlimit {limit}")
        except (ValueError, OSError):
            pass
if opened:
    raise AssertionError("@@BREACH@@: could open for writing " + ", ".join(opened[:12]))
'''
