"""The grading engine: a pool of isolated workers driven by trusted tests.

One fork server per pool imports torch, IPython and scipy once; every
submission gets a fresh worker forked from it. The worker runs the
notebook's code cells in order (errors are recorded, the rest still run),
then answers call requests from the hidden tests, which decide points here.
A worker that hangs, dies or exceeds its limits is killed and recorded; the
notebook is replayed in a new worker so later tests can still be graded.
"""
import dataclasses
import multiprocessing
import os
import select
import signal
import struct
import sys
import threading
import time
import traceback

import numpy as np

from autograder import harness, notebooks, results, wire

MAX_MESSAGE_BYTES = 256 * 1024 * 1024
GRACE_SECONDS = 3.0
PING_SECONDS = 10.0            # a live worker answers a ping in milliseconds
SPAWN_SECONDS = 60.0           # a fork and its sandbox take well under a second
SPAWN_ATTEMPTS = 3


class SandboxError(RuntimeError):
    """No worker could be set up: the grader's environment, not the submission, is at fault."""


@dataclasses.dataclass
class Limits:
    cell_timeout: float = 120.0       # seconds per notebook cell
    test_timeout: float = None        # seconds per test (None: the test's own)
    notebook_timeout: float = 1200.0  # seconds for one submission, all in
    memory_mb: int = 4096             # address space of a worker
    cpu_seconds: int = 1200           # CPU time of a worker
    output_limit: int = 1_000_000     # characters of output kept per worker
    file_size_mb: int = 64            # largest file a worker may write
    nproc: int = 0                    # process limit (0: decided by the sandbox)
    max_restarts: int = 3             # new workers per submission after a crash
    isolate: bool = True              # use Linux namespaces where available
    run_all: bool = False             # run every cell, even those that cannot change a grade

    def worker_settings(self, hide=()):
        # The grader's home may hold keys and tokens; the Python installation inside it is bound back.
        hide = [*hide, os.path.expanduser("~")]
        return {"memory_mb": self.memory_mb, "cpu_seconds": self.cpu_seconds,
                "output_limit": self.output_limit, "file_size_mb": self.file_size_mb,
                "nproc": self.nproc, "isolate": self.isolate, "hide": [str(h) for h in hide]}


_ISOLATION = None


def isolation_available():
    """Probe Linux namespaces once per grader process; warn once when they are missing."""
    global _ISOLATION
    if _ISOLATION is None:
        from autograder.worker import namespaces
        _ISOLATION = namespaces.available()
        if not _ISOLATION:
            print("warning: Linux namespaces are not available on this machine; workers run with "
                  "resource limits only and can read files the grader can read "
                  "(see README, 'Threat model').", file=sys.stderr)
    return _ISOLATION


def _importable_by_fork_server():
    """The fork server imports this very copy of the package, whichever copy is installed.

    The fork server inherits the environment but ignores the ``sys_path`` multiprocessing
    hands it (CPython 3.11): a grader run from another checkout than the installed one (a
    copy of the course, a second clone) would otherwise fork workers running other code
    than its own; and a grader that found the package through ``sys.path`` alone had its
    preload fail silently (each worker then imported torch itself, which starts a thread,
    and ``unshare(CLONE_NEWUSER)`` refuses multithreaded processes).
    """
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])


WORKER_NAME = "ddsp-worker"


def _workers_skip_the_main_module():
    """Workers must not re-import the grader's ``__main__`` script.

    multiprocessing has every new process import the parent's main script (as
    ``__mp_main__``) so that pickled functions defined there resolve. A worker needs none
    of it, and a script with heavy imports (nbformat, the bug zoo...) made every worker
    pay for them again: 1.7 s per submission for a benchmark script. Installed once; only
    processes named :data:`WORKER_NAME` are affected.
    """
    from multiprocessing import spawn
    original = spawn.get_preparation_data
    if getattr(original, "skips_main_for_workers", False):
        return

    def get_preparation_data(name):
        data = original(name)
        if name == WORKER_NAME:
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data
    get_preparation_data.skips_main_for_workers = True
    spawn.get_preparation_data = get_preparation_data


class WorkerPool:
    """Forks workers from a fork server that has already imported torch."""

    def __init__(self, limits, hide=()):
        self.limits = limits
        self.settings = limits.worker_settings(hide)
        self.settings["isolate"] = limits.isolate and isolation_available()
        self.context = multiprocessing.get_context("forkserver")
        _importable_by_fork_server()
        self.context.set_forkserver_preload(["autograder.worker.preload"])
        _workers_skip_the_main_module()
        self.started = 0            # workers that reached "ready"
        self.broken = None          # why no worker can start here, once that is clear
        self._lock = threading.Lock()

    def spawn(self):
        """A worker that has set up its sandbox and shell and said so.

        A worker that cannot set itself up (a mount refused, memory short) is the grader's
        problem, never the student's: it is retried, and if it keeps failing the submission
        is reported as not graded rather than charged for a lost first cell. A pool that has
        never started a worker stops trying after that: every later submission is reported
        at once with the same reason, instead of each waiting through its own retries.
        """
        if self.broken:
            raise SandboxError(self.broken)
        problem = None
        for _ in range(SPAWN_ATTEMPTS):
            try:
                handle = self._start_one()
            except (OSError, EOFError) as exc:  # the fork server died (or never started)
                problem = self._fork_server_problem(exc)
                self._restart_fork_server()
                continue
            problem = handle.wait_ready(SPAWN_SECONDS)
            if problem is None:
                with self._lock:
                    self.started += 1
                return handle
        message = f"no worker could be started ({SPAWN_ATTEMPTS} attempts); last: {problem}"
        with self._lock:
            if not self.started:
                self.broken = message
        raise SandboxError(message)

    def _start_one(self):
        from autograder.worker import runtime
        parent, child = self.context.Pipe(duplex=True)
        process = self.context.Process(target=runtime.worker_main, args=(child, self.settings), daemon=True,
                                       name=WORKER_NAME)
        try:
            process.start()
        finally:
            child.close()
        return WorkerHandle(process, parent, self.limits)

    @staticmethod
    def _fork_server_problem(exc):
        """Why the fork server failed: its preload's own error when importing it fails."""
        import subprocess
        probe = subprocess.run([sys.executable, "-c", "import autograder.worker.preload"],
                               capture_output=True, text=True, timeout=300, env=os.environ.copy())
        if probe.returncode != 0:
            return "the fork server could not import torch and the worker runtime: " + \
                (probe.stderr.strip().splitlines() or ["(no message)"])[-1]
        return f"the fork server stopped ({type(exc).__name__}: {exc})"

    @staticmethod
    def _restart_fork_server():
        """Forget a dead (or crashed) fork server so that the next start launches a new one."""
        from multiprocessing import forkserver
        server = forkserver._forkserver
        with server._lock:
            pid = server._forkserver_pid
            if pid is None:
                return
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            try:
                os.close(server._forkserver_alive_fd)
            except (OSError, TypeError):
                pass
            address = server._forkserver_address
            if address and not address.startswith("\0"):
                try:
                    os.unlink(address)
                except OSError:
                    pass
            server._forkserver_pid = server._forkserver_address = server._forkserver_alive_fd = None


class WorkerHandle:
    """One worker process and its message pipe."""

    def __init__(self, process, conn, limits):
        self.process, self.conn, self.limits = process, conn, limits
        self.seq = 0  # requests sent; every answer must carry the number of its request

    def wait_ready(self, timeout):
        """None once the worker reports it is ready, else what went wrong (the worker is killed)."""
        try:
            answer = wire.decode(self._receive(time.monotonic() + timeout))
        except TimeoutError:
            problem = f"no ready signal within {timeout:.0f} s"
        except (EOFError, OSError, wire.WireError) as exc:
            problem = self._death_note(exc)
        else:
            if isinstance(answer, dict) and answer.get("ready") is True and answer.get("seq") == 0:
                return None
            problem = str(answer.get("error") if isinstance(answer, dict) else answer)[-2000:]
        self.kill()
        return problem

    def request(self, message, timeout):
        """Send a request, wait for the answer; raises WorkerLost on death or timeout."""
        self.seq += 1
        message = dict(message, timeout=timeout, seq=self.seq)
        blob = wire.encode(message)
        sender = threading.Thread(target=self._send, args=(blob,), daemon=True)
        sender.start()
        deadline = time.monotonic() + timeout + GRACE_SECONDS
        try:
            answer = wire.decode(self._receive(deadline))
            if not isinstance(answer, dict) or answer.get("seq") != self.seq:
                # Something else wrote into the pipe (student code can find the socket).
                raise wire.WireError("an answer out of turn")
            return answer
        except TimeoutError:
            self.kill()
            raise harness.WorkerLost("timeout", f"no answer within {timeout:.0f} s; the worker was stopped") from None
        except (EOFError, OSError, wire.WireError) as exc:
            self.kill()
            raise harness.WorkerLost("error", self._death_note(exc)) from None

    def _receive(self, deadline):
        """One framed message (multiprocessing's framing), never blocking past ``deadline``.

        ``Connection.recv_bytes`` would block forever on a worker that sends a length
        header and then stalls; here every read waits at most until the deadline.
        """
        (size,) = struct.unpack("!i", self._read_exact(4, deadline))
        if size == -1:
            (size,) = struct.unpack("!Q", self._read_exact(8, deadline))
        if not 0 <= size <= MAX_MESSAGE_BYTES:
            raise wire.WireError(f"a message of {size} bytes is not acceptable")
        return self._read_exact(size, deadline)

    def _read_exact(self, n, deadline):
        buffer = bytearray(n)
        view, got, fd = memoryview(buffer), 0, self.conn.fileno()
        while got < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.05))
            if not ready:
                if not self.process.is_alive():
                    raise EOFError("the worker exited")
                continue
            count = os.readv(fd, [view[got:got + (1 << 20)]])
            if count == 0:
                raise EOFError("the worker closed its pipe")
            got += count
        return buffer

    def _send(self, blob):
        try:
            self.conn.send_bytes(blob)
        except (OSError, ValueError):
            pass

    def _death_note(self, exc=None):
        self.process.join(1.0)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            extra = " (memory or CPU limit?)" if name in ("SIGKILL", "SIGXCPU", "SIGSEGV") else ""
            return f"the worker was killed by {name}{extra}"
        if code is not None:
            return f"the worker exited with status {code} (sys.exit or os._exit in student code?)"
        return f"the worker stopped answering ({exc})"

    def kill(self):
        pid = self.process.pid
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), self.process.kill):
            try:
                kill()
            except (OSError, ProcessLookupError, AttributeError, ValueError):
                pass
        self.process.join(2.0)
        self.conn.close()
        from autograder.worker import sandbox
        sandbox.remove_pids_cgroup(pid)

    def close(self):
        self.kill()


class NotebookSession:
    """A submission's namespace, held by a worker that can be replaced.

    ``files`` ({name: bytes}) are written into the worker's private folder before the
    first cell runs (files an assignment lets a submission bring, e.g. trained weights).
    ``cell_errors`` and ``notes`` collect what went wrong, as data.
    """

    def __init__(self, pool, cells, limits, files=None, skipped=()):
        self.pool, self.cells, self.limits = pool, cells, limits
        self.files = dict(files or {})
        self.worker, self.restarts = None, 0
        self.cell_errors, self.notes = [], []
        self.skipped = set(skipped)  # cells that cannot change a grade: never run
        self.skip = set()           # cells that hung or killed the worker
        self.deadline = time.monotonic() + limits.notebook_timeout
        self.test_deadline = self.deadline

    def remaining(self):
        return self.deadline - time.monotonic()

    def start(self):
        """Run every cell in order, recording errors; a fatal cell is skipped on replay."""
        self.worker = self._spawn()
        index = 0
        while index < len(self.cells):
            if index in self.skipped:
                index += 1
                continue
            outcome = self._run_cell(index, record=True)
            if outcome == "lost":
                self.skip.add(index)
                if not self._respawn(upto=index):
                    return
            index += 1

    def _spawn(self):
        worker = self.pool.spawn()
        for name, data in self.files.items():
            answer = worker.request({"op": "put_file", "name": name, "data": np.frombuffer(data, np.uint8)},
                                    PING_SECONDS)
            if not answer.get("ok"):
                worker.close()
                raise SandboxError(f"could not give the worker {name}: {answer.get('error')}")
        return worker

    def _error(self, index, kind, message):
        self.cell_errors.append(results.CellError(index + 1, kind, message))

    def _run_cell(self, index, record):
        timeout = min(self.limits.cell_timeout, max(self.remaining(), 0.1))
        try:
            answer = self.worker.request({"op": "run_cell", "source": self.cells[index]}, timeout)
        except harness.WorkerLost as exc:
            if record:
                self._error(index, "Timeout" if exc.status == "timeout" else "WorkerLost", str(exc))
            return "lost"
        if not answer.get("ok"):
            err = answer.get("error") or {}
            if record:
                self._error(index, str(err.get("type", "Error")), str(err.get("message", "")))
            if answer.get("timeout"):
                return "lost"
        try:  # a cell may answer and still have doomed its worker (killpg, a timer, a thread)
            self.worker.request({"op": "ping"}, PING_SECONDS)
        except harness.WorkerLost as exc:
            if record:
                self._error(index, "WorkerLost", f"the worker died right after this cell ({exc})")
            return "lost"
        return "ok"

    def _respawn(self, upto):
        """A new worker with cells [0, upto) replayed; False when out of restarts or time.

        A cell that loses the worker during the replay joins the skipped ones and the
        replay starts again on a fresh worker.
        """
        while True:
            if self.worker is not None:
                self.worker.close()
                self.worker = None
            if self.restarts >= self.limits.max_restarts or self.remaining() <= 0:
                self.notes.append("no more worker restarts for this submission")
                return False
            self.restarts += 1
            self.worker = self._spawn()
            lost = next((i for i in range(upto) if i not in self.skip and i not in self.skipped
                         and self._run_cell(i, record=False) == "lost"), None)
            if lost is None:
                return True
            self.skip.add(lost)

    def request(self, message):
        if self.worker is None and not self._respawn(upto=len(self.cells)):
            raise harness.WorkerLost("error", "the submission's worker could not be restarted")
        budget = min(self.remaining(), self.test_deadline - time.monotonic())
        timeout = min(float(message.pop("timeout", budget)), max(budget, 0.1))
        try:
            return self.worker.request(message, timeout)
        except harness.WorkerLost:
            self.worker.close()
            self.worker = None
            raise

    def close(self):
        if self.worker is not None:
            self.worker.close()
            self.worker = None


def grade_notebook(pool, item, limits):
    """Grade one :class:`~autograder.notebooks.SubmissionFile`; returns a :class:`results.SubmissionResult`."""
    result = results.SubmissionResult(item.student, item.assignment, str(item.path))
    try:
        registry = harness.load(item.assignment)
    except KeyError as exc:
        result.notes.append(str(exc).strip("'\""))
        result.outcome = results.NOT_GRADABLE
        return result
    result.max_score = registry.max_score
    if registry.cell_timeout:
        limits = dataclasses.replace(limits, cell_timeout=registry.cell_timeout)
    problem, cells, files = item.problem, [], {}
    if problem is None:
        try:
            cells = notebooks.student_code_cells(notebooks.load(item.path))
            files = notebooks.submission_files(item.path, registry.submission_files)
        except (OSError, ValueError) as exc:
            problem = f"the notebook could not be read: {exc}"
    if problem is not None:
        result.outcome = results.NOT_GRADABLE
        result.notes.append(problem)
        result.tests = [results.TestResult(t.id, t.function, 0.0, t.points, "error", problem)
                        for t in registry.tests]
        return result
    skipped = [] if limits.run_all else skippable(registry, cells)
    result.skipped_cells = [i + 1 for i in skipped]
    session = NotebookSession(pool, cells, limits, files, skipped)
    try:
        session.start()
        submission = harness.Submission(session, provided_files=sorted(files))
        for test in registry.tests:
            result.tests.append(_run_one(test, submission, session, result.notes, registry))
    finally:
        session.close()
    result.cell_errors = session.cell_errors
    result.notes[:0] = session.notes
    return result


_INSTRUCTOR_SOURCES = {}


def skippable(registry, cells):
    """0-based indices of the cells of a submission that cannot change its grade."""
    from autograder import skipping
    if registry.name not in _INSTRUCTOR_SOURCES:
        try:
            _INSTRUCTOR_SOURCES[registry.name] = notebooks.instructor_sources(registry.name)
        except (OSError, ValueError):
            _INSTRUCTOR_SOURCES[registry.name] = []   # no source notebook here: every cell runs
    return skipping.plan(cells, _INSTRUCTOR_SOURCES[registry.name], registry.reads,
                         registry.run_cells_containing).skip


def _run_one(test, submission, session, notes, registry):
    entry = results.TestResult(test.id, test.function, 0.0, test.points, "error")
    if session.remaining() <= 0:
        entry.status, entry.message = "timeout", "the time for this submission ran out before this test"
        return entry
    session.test_deadline = time.monotonic() + (session.limits.test_timeout or test.timeout)
    try:
        status, message, points = harness.run_test(test, submission, registry)
    except SandboxError:
        raise  # the whole submission is reported as not graded, never half graded
    except Exception:  # noqa: BLE001 - a grader bug must not cost the whole run
        status, message, points = "error", "internal grader error; the instructor has been told", 0.0
        notes.append(f"internal error in test {test.id}: {traceback.format_exc(limit=-3)}")
    entry.status, entry.message, entry.points = status, message, points
    return entry


def grade(items, limits, jobs=1, hide=()):
    """Grade submissions in parallel; yields ``(index, result)`` as each one finishes.

    Closing the generator early (Ctrl-C, a consumer that stops) cancels every submission
    not started yet and waits for the running ones to end.
    """
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
    pool = WorkerPool(limits, hide=hide)
    executor = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        pending = {executor.submit(_grade_safely, pool, item, limits): i for i, item in enumerate(items)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=pending.get):
                yield pending.pop(future), future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def grade_all(items, limits, jobs=1, hide=(), progress=None):
    """Grade many submissions in parallel; results are in the order of ``items``."""
    ordered = [None] * len(items)
    for index, result in grade(items, limits, jobs=jobs, hide=hide):
        ordered[index] = result
        if progress is not None:
            progress(result)
    return ordered


def _grade_safely(pool, item, limits):
    try:
        return grade_notebook(pool, item, limits)
    except Exception as exc:  # noqa: BLE001 - one submission never stops the others
        # the exception first: reports show a failure's first line
        detail = str(exc) if isinstance(exc, SandboxError) else \
            f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-3)}"
        return results.SubmissionResult(item.student, item.assignment, str(item.path),
                                        notes=[f"grading failed: {detail}"], outcome=results.GRADER_FAILED)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use python -m autograder")
