"""The API hidden tests are written in.

A grader module creates one :class:`Assignment` and registers tests on it::

    A = Assignment("02_oscillator")

    @A.test("sinusoid", points=2)
    def test_sinusoid_matches_numpy_reference(sub):
        out = sub.call("sinusoid", amp, freq, 100)
        checks.assert_close(out.value, expected, ...)

``sub`` is a :class:`Submission`: every ``call`` is sent as plain data to the
place where student code lives (an isolated worker, or the nbgrader kernel) and
the answer comes back as numpy arrays. All assertions run here, in the trusted
process. A test passes by returning; it fails by raising :class:`TestFailure`
(see ``autograder.checks``).
"""
import dataclasses
import re
import threading

import numpy as np

from autograder import wire


class TestFailure(AssertionError):
    """A property of the student's code does not hold; the message teaches why."""


class StudentError(Exception):
    """Student code raised while a test called it."""

    def __init__(self, function, error):
        self.function, self.error = function, error
        kind, message = error.get("type", "Exception"), error.get("message", "")
        hint = ""
        if is_stub(error):
            hint = " It looks like the exercise has not been attempted yet."
        elif kind == "NotImplementedError":
            hint = (" A library function does not support what it was given here (look at the shapes, "
                    "dtypes and modes it was called with).")
        elif kind == "NameError":
            hint = " Check that the notebook defines it with exactly this name and that its cell runs."
        text = f"{function} raised {kind}: {message}" if message else f"{function} raised {kind}"
        super().__init__(f"{text}.{hint}")


def is_stub(error):
    """A release stub's own ``raise NotImplementedError()``: no message, raised from notebook code.

    A NotImplementedError with a message, or raised inside a library (torch says "not
    implemented" for unsupported modes and shapes), is a real error of attempted code.
    """
    if error.get("type") != "NotImplementedError" or error.get("message"):
        return False
    frames = [line for line in str(error.get("traceback", "")).splitlines() if line.strip().startswith("File ")]
    return not frames or "site-packages" not in frames[-1]


@dataclasses.dataclass
class Partial:
    """What a test returns for partial credit: ``fraction`` of its points (0..1) and why."""
    fraction: float
    message: str


class WorkerLost(Exception):
    """The worker died or ran out of time; ``status`` is 'timeout' or 'error'."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------------------
# Argument markers.
def Diff(array):
    """A differentiable input: becomes a leaf tensor with ``requires_grad=True``."""
    return {wire.DIFF: np.asarray(array)}


def Ref(name):
    """An object of the student's namespace, by name (e.g. their loss function)."""
    return {wire.REF: name}


def New(cls_name, *args, **kwargs):
    """An instance of a student's class, built in the worker."""
    return {wire.NEW: Ref(cls_name), "args": list(args), "kwargs": kwargs}


def Attr(target, name):
    """Attribute ``name`` of a target built in the worker."""
    return {wire.ATTR: target, "name": name}


def Lib(name, **kwargs):
    """A helper callable from ``autograder.worker.runtime.LIBRARY``."""
    return {wire.LIB: name, "kwargs": kwargs}


def Tuple(*items):
    return {wire.TUPLE: list(items)}


@dataclasses.dataclass
class CallResult:
    """What came back from one call: plain data only."""
    value: object
    meta: dict
    grads: list = None
    param_grads: dict = None
    second_grads: list = None
    inputs_after: list = None
    inputs_mutated: list = None
    error: dict = None


class Submission:
    """The student's notebook as seen by a hidden test.

    ``provided_files`` names the files of the assignment's ``submission_files`` that came
    with this submission (e.g. trained weights), so a test can say what was graded.
    """

    def __init__(self, backend, provided_files=()):
        self._backend = backend
        self.provided_files = list(provided_files)
        self.notes = set()   # things a test's message should mention whatever its outcome
        self.failed = set()  # graded functions that failed one of their own tests so far
        self.cache = {}      # results tests share within one submission: see :meth:`shared`
        self.substitute = None  # {"names": [...], "core": [...]} while a dependent is tested

    def call(self, target, *args, cotangent=None, param_grads=False, second_order=None,
             return_inputs=False, expect_error=False, timeout=None, **kwargs):
        """Call ``target`` (a name, or a :func:`New`/:func:`Attr` spec) in the student's namespace.

        Args:
            target: function or class name, or a spec.
            *args, **kwargs: numpy arrays become tensors of the same dtype;
                wrap with :func:`Diff` to get their gradients back.
            cotangent: array shaped like the output, for the vector-Jacobian
                product; may be omitted when the output is a scalar. For a function that
                returns a tuple of tensors, a list with one array (or None) per output.
            param_grads: also return gradients of the called module's parameters.
            second_order: per-Diff cotangents for the gradient of
                ``sum <grad_i, c_i>`` (double backward).
            return_inputs: return the array arguments after the call.
            expect_error: return the error in ``result.error`` instead of raising.
        Raises:
            StudentError: the student's code raised (unless ``expect_error``).
        """
        spec = Ref(target) if isinstance(target, str) else target
        request = {"op": "call", "target": spec, "args": list(args), "kwargs": kwargs,
                   "substitute": self.substitute,
                   "cotangent": None if cotangent is None else (
                       [None if c is None else np.asarray(c) for c in cotangent] if isinstance(cotangent, (list, tuple))
                       else np.asarray(cotangent)),
                   "param_grads": param_grads, "return_inputs": return_inputs,
                   "second_order": None if second_order is None else
                   [None if c is None else np.asarray(c) for c in second_order]}
        if timeout is not None:
            request["timeout"] = timeout
        response = self._backend.request(request)
        if not isinstance(response, dict):
            raise StudentError(_name(target), {"type": "ProtocolError", "message": "malformed answer"})
        if not response.get("ok"):
            error = response.get("error") if isinstance(response.get("error"), dict) else {}
            if response.get("timeout"):
                raise WorkerLost("timeout", f"{_name(target)} did not return in time: {error.get('message', '')}")
            if error.get("type") == "OutputShapeError":
                raise TestFailure(f"{error.get('message', '')} (the output of {_name(target)}).")
            if expect_error:
                return CallResult(value=None, meta={}, error=error)
            raise StudentError(_name(target), error)
        fields = {f.name for f in dataclasses.fields(CallResult)}
        result = CallResult(**{k: v for k, v in response.items() if k in fields and k != "error"})
        if isinstance(result.meta, dict) and result.meta.get("module") == "numpy":
            self.notes.add(f"{_name(target)} returned a numpy {result.meta.get('type')}; the exercise asks for a "
                           "torch.Tensor (gradients cannot flow through numpy).")
        return result

    def shared(self, key, compute):
        """``compute()`` once per submission, shared by every test that asks for ``key``.

        For heavy work several tests grade (a fit, a training run): the first test pays for
        it, the others reuse its result, or see the same failure raised again.
        """
        if key not in self.cache:
            try:
                self.cache[key] = (True, compute())
            except (TestFailure, StudentError, WorkerLost, wire.WireError) as exc:
                self.cache[key] = (False, exc)
        ok, value = self.cache[key]
        if not ok:
            raise value
        return value

    def kind(self, name):
        """'function', 'class', 'other' or 'missing'."""
        response = self._backend.request({"op": "describe", "name": name})
        return response.get("kind", "missing") if isinstance(response, dict) else "missing"


def call_name(target):
    """How a call target reads in a message: ``sinusoid()``, ``LinearGain(...)``, ``AllPoleFilter.apply``."""
    return _name(target)


def _name(target):
    if isinstance(target, str):
        return f"{target}()"
    if isinstance(target, dict) and wire.NEW in target:
        return f"{target[wire.NEW].get(wire.REF, '?')}(...)"
    if isinstance(target, dict) and wire.ATTR in target:
        return f"{_name(target[wire.ATTR])}.{target['name']}"
    return "the function"


class LocalBackend:
    """Runs calls in this process against ``namespace`` (nbgrader's kernel path).

    Requests and answers still go through the wire format, so a test sees the
    same data here as it does from an isolated worker.
    """

    def __init__(self, namespace):
        from autograder.worker import runtime
        runtime.add_assignment_helpers()
        self.executor = runtime.Executor(namespace)

    def request(self, message):
        message = wire.decode(wire.encode(message))
        if message["op"] == "describe":
            answer = self.executor.describe(message["name"])
        else:
            answer = self.executor.call(message)
        return wire.decode(wire.encode(answer))


# ---------------------------------------------------------------------------
# Registry.
@dataclasses.dataclass
class GradedTest:
    id: str
    function: str
    points: float
    run: object
    description: str
    timeout: float


class Assignment:
    """The hidden tests of one assignment, in the order they are graded.

    Args:
        name: the assignment's folder name, e.g. ``"05_fir_noise"``.
        run_cells_containing: substrings; a notebook cell containing one always runs, even
            when nothing graded seems to read what it does (see ``autograder.skipping``).
        reads: names of the notebook the tests read beyond the graded functions and the
            names they pass to ``sub.call``, ``Ref`` and ``New`` (which are found by themselves).
        depends: ``{function: [graded functions it calls]}``. When a dependency fails
            one of its own tests, the dependent function's tests run with a trusted
            implementation of that dependency in its place, so a wrong dependency never
            costs a correct function its points.
        cell_timeout: seconds per notebook cell for this assignment, when its notebook has
            a cell that legitimately runs longer than the grader's default (training).
        submission_files: names of files beside the notebook that the worker may read
            (copied into its private folder before the first cell runs), e.g. ``["decoder.pt"]``.
        files_made_by: graded functions whose variants must make the submission files
            themselves. Every other variant the zoo and the suite grade is handed the
            reference's files (``solutions/<name>``), as a student hands in the file the
            notebook saved: a ``harmonic_plus_noise`` mutant need not retrain the decoder.
    """

    def __init__(self, name, depends=None, cell_timeout=None, submission_files=(), run_cells_containing=(),
                 reads=(), files_made_by=()):
        self.name = name
        self.tests = []
        self.depends = {f: list(d) for f, d in (depends or {}).items()}
        self.cell_timeout = cell_timeout
        self.submission_files = list(submission_files)
        self.files_made_by = set(files_made_by)
        self.run_cells_containing = list(run_cells_containing)
        self.extra_reads = set(reads)
        self.reads_found = set()     # names the test module passes to sub.call/Ref/New (set on loading)

    @property
    def reads(self):
        """Names of the notebook the hidden tests read: what grading cannot do without."""
        return set(self.functions) | self.extra_reads | self.reads_found

    def test(self, function, points, timeout=60.0):
        """Register a test; its id is the function name without ``test_``."""
        def register(fn):
            test_id = re.sub(r"^test_", "", fn.__name__)
            if any(t.id == test_id for t in self.tests):
                raise ValueError(f"duplicate test id {test_id}")
            doc = (fn.__doc__ or "").strip().splitlines()
            self.tests.append(GradedTest(test_id, function, float(points), fn,
                                         doc[0] if doc else test_id, timeout))
            return fn
        return register

    @property
    def max_score(self):
        return sum(t.points for t in self.tests)

    @property
    def functions(self):
        """Graded functions in the order their first test is graded."""
        return list(dict.fromkeys(t.function for t in self.tests))

    def get(self, test_id):
        for t in self.tests:
            if t.id == test_id:
                return t
        raise KeyError(f"{self.name} has no test {test_id!r}")


def known():
    """Names of every assignment (one folder each under ``autograder/assignments``)."""
    from autograder import assignments
    return assignments.names()


def load(assignment):
    """The :class:`Assignment` registry of an assignment name like '02_oscillator'."""
    from autograder import assignments
    return assignments.load(assignment)


def run_test(test, submission, registry=None):
    """Run one registered test; returns (status, message, points).

    With the ``registry``, tests of a function whose dependencies (``registry.depends``)
    failed earlier tests of this submission run with trusted dependencies in their place.

    A test passes by returning None, fails by raising :class:`TestFailure`, and gives
    partial credit by returning :class:`Partial` (status "passed" with full points only at
    fraction 1, else "failed" with the fraction's points and its message).
    """
    submission.notes = set()
    failing = sorted(_dependencies(registry, test.function) & submission.failed) if registry else []
    submission.substitute = None
    if failing:
        submission.substitute = {"names": failing, "core": reference_core(registry.name)}
        names = ", ".join(f"`{name}`" for name in failing)
        submission.notes.add(f"(Note: {names} failed {'its' if len(failing) == 1 else 'their'} own tests, so "
                             f"`{test.function}` was tested with a correct {names} in its place: this "
                             f"test grades `{test.function}` alone.)")
    outer, _RUNNING.now = getattr(_RUNNING, "now", None), (test, submission)
    try:
        status, message, points = _run(test, submission)
    finally:
        _RUNNING.now = outer
        submission.substitute = None
    if status != "passed":
        submission.failed.add(test.function)
    if "has not been attempted yet" in message:
        submission.notes = set()   # a stub: nothing else is worth saying
    if submission.notes:
        message = " ".join([message, *sorted(submission.notes)]).strip()
    return status, message, points


_RUNNING = threading.local()   # .now: (test, submission) of the test this thread is running


def require_working(property_name):
    """Fail the running test when its function already failed an earlier test of its own.

    For properties any non-answer has (leaving the inputs alone): they earn points only
    from a function that computes its values, so a stub returning garbage earns nothing.
    """
    if getattr(_RUNNING, "now", None) is None:
        return
    test, submission = _RUNNING.now
    if test.function in submission.failed:
        raise TestFailure(f"{property_name} counts only for a function that computes its values, and "
                          f"`{test.function}` failed an earlier test of its own (see above). "
                          "Hint: fix the earlier failures of this function first.")


def _dependencies(registry, function):
    """Every graded function ``function`` calls, directly or through others."""
    found, todo = set(), list(registry.depends.get(function, []))
    while todo:
        name = todo.pop()
        if name not in found and name != function:
            found.add(name)
            todo += registry.depends.get(name, [])
    return found


_CORES = {}


def reference_core(assignment):
    """The source notebook's graded core (cached): see :func:`autograder.notebooks.reference_core`."""
    if assignment not in _CORES:
        from autograder import notebooks
        _CORES[assignment] = notebooks.reference_core(assignment)
    return _CORES[assignment]


def _run(test, submission):
    try:
        outcome = test.run(submission)
    except TestFailure as exc:
        return "failed", f"{test.function}: {exc}", 0.0
    except StudentError as exc:
        return "error", str(exc), 0.0
    except WorkerLost as exc:
        return exc.status, f"{test.function}: {exc}", 0.0
    except wire.WireError as exc:
        return "error", f"{test.function}: the answer could not be read ({exc})", 0.0
    if isinstance(outcome, Partial):
        fraction = min(max(float(outcome.fraction), 0.0), 1.0)
        if fraction < 1.0:
            return "failed", f"{test.function}: {outcome.message}", round(fraction * test.points, 6)
        return "passed", outcome.message, test.points
    return "passed", "", test.points
