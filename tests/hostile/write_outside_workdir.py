"""Threat: write outside the worker's working directory: into the course tree (new files,
appends to the hidden tests and the harness), over the test's decoy files (append,
truncate, delete), into host /tmp (a sentinel path the test watches), the grader's home,
/work, /etc, /usr, /dev, the Python installation (a .pth file would run code in every
later Python), also through /proc/<pid>/root of every visible process.

Next to a correct solution: it must keep exactly full marks. The file system is
read-only outside private tmpfs mounts (/tmp, /var/tmp, /dev/shm, the working
directory), so writes either fail or land in memory that disappears with the worker; the
test checks the course tree, the decoys and the sentinel on the host. A write that
succeeds outside the private mounts raises a breach error.
"""
PLACEMENT = "reference"
EXPECTED = "full"
SOURCE = r'''
import glob
import os
import site
import sys

MARK = "@@MARKER@@"
COURSE = "@@COURSE@@"
PRIVATE = ("/tmp/", "/var/tmp/", "/dev/shm/", os.getcwd() + "/")
targets = [f"{COURSE}/hostile_{MARK}.txt", f"{COURSE}/autograder/assignments/hostile_{MARK}.py",
           f"{COURSE}/autograder/assignments/__init__.py", f"{COURSE}/autograder/harness.py",
           f"{COURSE}/autograder/checks.py", f"{COURSE}/nbgrader_config.py", f"{COURSE}/gradebook.db",
           "@@SENTINEL@@", *@@DECOYS@@, f"/var/tmp/hostile_{MARK}", f"/dev/shm/hostile_{MARK}",
           f"/root/hostile_{MARK}", os.path.expanduser(f"~/hostile_{MARK}"), f"/work/hostile_{MARK}",
           f"/etc/hostile_{MARK}", f"/usr/hostile_{MARK}", f"/dev/hostile_{MARK}", f"/hostile_{MARK}",
           f"{sys.prefix}/hostile_{MARK}.pth", f"{os.path.dirname(os.__file__)}/hostile_{MARK}.py"]
targets += [f"{p}/hostile_{MARK}.pth" for p in site.getsitepackages()]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        targets += [f"/proc/{pid}/root{COURSE}/hostile_{MARK}.txt", f"/proc/{pid}/root@@SENTINEL@@",
                    f"/proc/{pid}/cwd/hostile_{MARK}.txt"]
landed = []
for path in targets:
    try:
        with open(path, "a") as f:
            f.write(f"\n# {MARK}\n")
    except OSError:
        continue
    if not os.path.realpath(path).startswith(PRIVATE):
        landed.append(path)
for path in [*@@DECOYS@@, f"{COURSE}/nbgrader_config.py"]:
    for action in (lambda p: os.truncate(p, 0), os.remove, lambda p: os.rename(p, p + ".moved"),
                   lambda p: os.chmod(p, 0o777), lambda p: os.utime(p, (0, 0))):
        try:
            action(path)
        except OSError:
            continue
        if not os.path.realpath(path).startswith(PRIVATE):
            landed.append(f"changed {path}")
for folder in (COURSE, "/work", "/root", "/usr/local", "/opt"):
    try:
        os.mkdir(f"{folder}/hostile_{MARK}")
        landed.append(f"mkdir in {folder}")
    except OSError:
        pass
if landed:
    raise AssertionError("@@BREACH@@: wrote " + ", ".join(landed[:10]))
'''
