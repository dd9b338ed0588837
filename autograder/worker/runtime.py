"""The worker side of grading: run notebook cells, answer call requests.

Requests and responses are plain data (``autograder.wire``). A call request
names a target in the student namespace, arguments (arrays become tensors,
``{wire.DIFF: array}`` becomes a leaf that requires grad), an optional
cotangent for a vector-Jacobian product, and what to send back. The same
:class:`Executor` serves the isolated worker process and, for nbgrader's
in-kernel path, the student's own kernel.
"""
import gc
import os
import random
import signal
import sys
import traceback

import numpy as np
import torch

from autograder import wire

TEXT_LIMIT = 4000
# Every call starts from the same random state, so a submission that draws random numbers
# (noise, random initialisation) is graded the same way every time, whatever ran before.
CALL_SEED = 20260115
SETUP_FAILED = 70  # exit status of a worker whose sandbox or shell could not be set up


class OutputShapeError(Exception):
    """The output cannot take the requested cotangent (the trusted side reports a wrong shape)."""


class CallTimeout(BaseException):
    """Raised in the worker's main thread when a request runs out of time."""


def _short(text, limit=TEXT_LIMIT):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def describe_exception(exc):
    """Plain-data description of an exception raised by student code."""
    try:
        message = _short(str(exc), 1000)
    except BaseException:  # noqa: BLE001 - a hostile __str__ may raise anything
        message = "<unprintable exception>"
    try:
        lines = traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-4)
        trace = _short("".join(lines))
    except BaseException:  # noqa: BLE001 - likewise for a hostile traceback
        trace = ""
    return {"type": type(exc).__name__, "message": message, "traceback": trace}


# ---------------------------------------------------------------------------
# Callables the trusted side may pass to student code (harness.Lib(name)): losses shared by
# several assignments here; an assignment's own helpers live in its folder's worker.py and
# are added by the fork server (``preload``) and by the nbgrader kernel path.
LIBRARY = {
    "mse": lambda: lambda x, y: torch.mean((x - y) ** 2),
    "mean_abs": lambda: lambda x, y: torch.mean(torch.abs(x - y)),
}


def add_assignment_helpers():
    """Add every assignment's ``worker.py`` LIBRARY (run before student code, never after)."""
    from autograder import assignments
    LIBRARY.update(assignments.worker_library())


# ---------------------------------------------------------------------------
def to_plain(value, depth=0):
    """Turn a returned Python/torch object into plain data for the wire."""
    if depth > 8:
        return {"__object__": "too deep"}
    if isinstance(value, torch.Tensor):
        tensor = torch.Tensor.detach(value).cpu().resolve_conj().resolve_neg()
        if tensor.dtype == torch.bfloat16:
            tensor = tensor.float()
        return tensor.numpy().copy()
    if isinstance(value, torch.nn.Module):
        params = {name: to_plain(p) for name, p in value.named_parameters()}
        return {"__module__": type(value).__name__, "parameters": params,
                "parameter_attributes": sorted(
                    name for name, attr in vars(value).get("_parameters", {}).items()
                    if isinstance(attr, torch.nn.Parameter))}
    if isinstance(value, np.ndarray):
        return value.copy() if str(value.dtype) in wire.ALLOWED_DTYPES else {"__object__": "ndarray"}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        return _short(value, 1000)
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        if len(value) > 100000:
            return {"__object__": "sequence too long"}
        return [to_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        if len(value) > 1000 or not all(type(k) is str and not k.startswith("__") for k in value):
            return {"__object__": "dict"}
        return {wire.DICT: {k: to_plain(v, depth + 1) for k, v in value.items()}}
    if isinstance(value, torch.dtype):
        return {"__dtype__": str(value).replace("torch.", "")}
    return {"__object__": type(value).__name__}


class Executor:
    """Evaluates call requests against a namespace (the student's globals)."""

    def __init__(self, namespace):
        self.namespace = namespace
        # Modules loaded when grading started. Student code that swaps them in sys.modules
        # for fakes would break lazy imports inside torch; calls see the real ones again.
        self.modules = dict(sys.modules)
        self.trusted = {}   # hash of a reference core -> the namespace it defines

    def _trusted_namespace(self, core):
        """The namespace the instructor's reference core defines (run once per worker)."""
        key = hash(tuple(core))
        if key not in self.trusted:
            namespace = {"__name__": "__reference__"}
            for source in core:
                exec(compile(source, "<reference>", "exec"), namespace)  # noqa: S102 - instructor code
            self.trusted[key] = namespace
        return self.trusted[key]

    def _restore_modules(self):
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module

    # -- argument building -------------------------------------------------
    def build(self, spec, leaves, tensors):
        if isinstance(spec, np.ndarray):
            tensor = torch.from_numpy(spec.copy())
            tensors.append(tensor)
            return tensor
        if isinstance(spec, list):
            return [self.build(s, leaves, tensors) for s in spec]
        if not isinstance(spec, dict):
            return spec
        if wire.DIFF in spec:
            tensor = torch.from_numpy(np.array(spec[wire.DIFF])).requires_grad_(True)
            leaves.append(tensor)
            tensors.append(tensor)
            return tensor
        if wire.REF in spec:
            name = spec[wire.REF]
            if name not in self.namespace:
                raise NameError(f"name '{name}' is not defined in the notebook")
            return self.namespace[name]
        if wire.NEW in spec:
            cls = self.build(spec[wire.NEW], leaves, tensors)
            return cls(*self.build(spec.get("args", []), leaves, tensors),
                       **self.build(spec.get("kwargs", {}), leaves, tensors))
        if wire.ATTR in spec:
            return getattr(self.build(spec[wire.ATTR], leaves, tensors), spec["name"])
        if wire.LIB in spec:
            return LIBRARY[spec[wire.LIB]](**dict(spec.get("kwargs", {})))
        if wire.TUPLE in spec:
            return tuple(self.build(spec[wire.TUPLE], leaves, tensors))
        return {k: self.build(v, leaves, tensors) for k, v in spec.items()}

    # -- requests ------------------------------------------------------------
    def call(self, request):
        """Answer one call request; returns plain data, never raises."""
        try:
            return self._call(request)
        except CallTimeout:
            raise
        except BaseException as exc:
            if isinstance(exc, (SystemExit, KeyboardInterrupt)) and request.get("reraise_exit"):
                raise
            return {"ok": False, "error": describe_exception(exc)}

    def _call(self, request):
        # Seeded for this call only: in nbgrader's kernel the student's own cells run after
        # hidden-test cells and keep the random stream they would have had without them.
        self._restore_modules()
        states = random.getstate(), np.random.get_state(), torch.get_rng_state()
        random.seed(CALL_SEED)
        np.random.seed(CALL_SEED)
        torch.manual_seed(CALL_SEED)
        try:
            return self._seeded_call(request)
        finally:
            random.setstate(states[0])
            np.random.set_state(states[1])
            torch.set_rng_state(states[2])

    def _seeded_call(self, request):
        substitute = request.get("substitute") or {}
        if not substitute:
            return self._plain_call(request)
        # Trusted implementations of failing dependencies, in place of the student's, for this
        # call only: a dependent function is graded on its own work.
        trusted = self._trusted_namespace(substitute["core"])
        missing = object()
        saved = {name: self.namespace.get(name, missing) for name in substitute["names"]}
        try:
            for name in substitute["names"]:
                self.namespace[name] = trusted[name]
            return self._plain_call(request)
        finally:
            for name, value in saved.items():
                if value is missing:
                    self.namespace.pop(name, None)
                else:
                    self.namespace[name] = value

    def _plain_call(self, request):
        target = self.build(request["target"], [], [])  # tensors inside New(...) are not arguments
        arg_leaves, arg_tensors = [], []
        args = self.build(request.get("args", []), arg_leaves, arg_tensors)
        kwargs = self.build(request.get("kwargs", {}), arg_leaves, arg_tensors)
        before = [t.detach().clone() for t in arg_tensors]
        with torch.enable_grad():
            out = target(*args, **kwargs)
        response = {"ok": True, "value": to_plain(out), "meta": self._meta(out)}
        if request.get("return_inputs"):
            response["inputs_after"] = [to_plain(t) for t in arg_tensors]
            response["inputs_mutated"] = [
                bool(t.shape != b.shape or not torch.equal(t.detach(), b)) for t, b in zip(arg_tensors, before)]
        wants_params = request.get("param_grads") and isinstance(target, torch.nn.Module)
        if arg_leaves or wants_params:
            response.update(self._gradients(out, arg_leaves, target if wants_params else None,
                                            request.get("cotangent"), request.get("second_order")))
        return response

    @staticmethod
    def _meta(out):
        if isinstance(out, torch.Tensor):
            return {"type": "Tensor", "dtype": str(out.dtype).replace("torch.", ""),
                    "shape": list(out.shape), "requires_grad": bool(out.requires_grad),
                    "is_leaf": bool(out.is_leaf)}
        return {"type": type(out).__name__, "module": str(type(out).__module__).split(".")[0]}

    @staticmethod
    def _gradients(out, leaves, module, cotangent, second_order):
        named = list(module.named_parameters()) if module is not None else []
        inputs = leaves + [p for _, p in named]
        if isinstance(out, (tuple, list)) and isinstance(cotangent, list) and len(cotangent) == len(out) \
                and all(isinstance(o, torch.Tensor) for o in out):
            return Executor._tuple_gradients(out, inputs, leaves, named, cotangent)
        if not isinstance(out, torch.Tensor) or not out.requires_grad:
            # Nothing to differentiate (a numpy array, a float, a detached tensor): no gradient
            # reaches any input, and the trusted side says why from the output's type.
            grads = [None] * len(inputs)
        else:
            if cotangent is None:
                if out.numel() != 1:
                    raise OutputShapeError(f"the output has shape {tuple(out.shape)}; a single number was expected")
                cot = torch.ones_like(out)
            else:
                cot = torch.from_numpy(np.array(cotangent)).to(out.dtype)
                if cot.shape != out.shape:
                    raise OutputShapeError(f"the output has shape {tuple(out.shape)}, expected {tuple(cot.shape)}")
            grads = list(torch.autograd.grad(out, inputs, grad_outputs=cot, allow_unused=True,
                                             create_graph=second_order is not None))
        response = {"grads": [None if g is None else to_plain(g) for g in grads[:len(leaves)]],
                    "param_grads": {n: None if g is None else to_plain(g)
                                    for (n, _), g in zip(named, grads[len(leaves):])}}
        if second_order is not None:
            response["second_grads"] = Executor._second(leaves, grads[:len(leaves)], second_order)
        return response

    @staticmethod
    def _tuple_gradients(outs, inputs, leaves, named, cotangents):
        """The vector-Jacobian product of a tuple of tensors, one cotangent per output."""
        pairs = []
        for out, cot in zip(outs, cotangents):
            if cot is None or not out.requires_grad:
                continue
            cot = torch.from_numpy(np.array(cot)).to(out.dtype)
            if cot.shape != out.shape:
                raise OutputShapeError(f"an output has shape {tuple(out.shape)}, expected {tuple(cot.shape)}")
            pairs.append((out, cot))
        grads = [None] * len(inputs)
        if pairs:
            grads = list(torch.autograd.grad([o for o, _ in pairs], inputs, grad_outputs=[c for _, c in pairs],
                                             allow_unused=True))
        return {"grads": [None if g is None else to_plain(g) for g in grads[:len(leaves)]],
                "param_grads": {n: None if g is None else to_plain(g) for (n, _), g in zip(named, grads[len(leaves):])}}

    @staticmethod
    def _second(leaves, grads, cotangents):
        """Gradient of sum_i <grads_i, cotangents_i> with respect to every leaf."""
        total = 0
        for g, c in zip(grads, cotangents):
            if g is not None and c is not None and g.requires_grad:
                total = total + torch.sum(g * torch.from_numpy(np.array(c)).to(g.dtype))
        if not isinstance(total, torch.Tensor):
            return [None] * len(leaves)
        second = torch.autograd.grad(total, leaves, allow_unused=True)
        return [None if s is None else to_plain(s) for s in second]

    def describe(self, name):
        obj = self.namespace.get(name, None)
        if name not in self.namespace:
            return {"ok": True, "kind": "missing"}
        kind = "class" if isinstance(obj, type) else "function" if callable(obj) else "other"
        return {"ok": True, "kind": kind}


# ---------------------------------------------------------------------------
# The worker process.
class BoundedStream:
    """A text stream that keeps at most ``limit`` characters and counts the rest."""

    def __init__(self, limit):
        self.limit, self.kept, self.kept_chars, self.total = limit, [], 0, 0
        self.encoding, self.errors = "utf-8", "replace"

    def write(self, text):
        text = str(text)
        room = self.limit - self.kept_chars
        if room > 0:
            self.kept.append(text[:room])
            self.kept_chars += len(self.kept[-1])
        self.total += len(text)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("no file descriptor for captured output")


def _alarm(seconds):
    def on_alarm(signum, frame):
        raise CallTimeout(f"time limit of {seconds:.0f} s exceeded")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))


def _cancel_alarm():
    signal.setitimer(signal.ITIMER_REAL, 0)


class Worker:
    """Runs notebook cells in an IPython shell and serves call requests."""

    def __init__(self, output_limit):
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config
        config = Config()
        config.HistoryManager.enabled = False
        self.output = BoundedStream(output_limit)
        sys.stdout = sys.stderr = self.output
        self.shell = InteractiveShell.instance(config=config)
        self.executor = Executor(self.shell.user_ns)

    def run_cell(self, source):
        result = self.shell.run_cell(source, store_history=False, silent=False)
        error = result.error_before_exec or result.error_in_exec
        if isinstance(error, CallTimeout):
            raise error
        answer = {"ok": error is None, "error": None if error is None else describe_exception(error),
                  "output_chars": self.output.total}
        if error is not None:
            # The traceback holds the failing frames and their locals (a memory bomb's hoard,
            # say): let them go, as a fresh kernel's next cell would not see them either.
            del result, error
            self.shell.last_execution_result = None
            self.shell.InteractiveTB.tb = None  # kept for %debug
            sys.last_type = sys.last_value = sys.last_traceback = None
            sys.last_exc = None
            gc.collect()
        return answer

    @staticmethod
    def put_file(name, data):
        """Write a file the submission brought into the private working folder (before any cell)."""
        if not isinstance(name, str) or os.path.basename(name) != name or name in ("", ".", ".."):
            return {"ok": False, "error": {"type": "ValueError", "message": f"bad file name {name!r}"}}
        with open(name, "wb") as f:
            f.write(np.asarray(data, np.uint8).tobytes())
        return {"ok": True}

    def handle(self, request):
        op = request.get("op")
        if op == "run_cell":
            return self.run_cell(request["source"])
        if op == "call":
            return self.executor.call(request)
        if op == "describe":
            return self.executor.describe(request["name"])
        if op == "ping":
            return {"ok": True}
        if op == "put_file":
            return self.put_file(request["name"], request["data"])
        return {"ok": False, "error": {"type": "ProtocolError", "message": f"unknown op {op!r}"}}

    def serve(self, conn):
        while True:
            try:
                request = wire.decode(conn.recv_bytes())
            except (EOFError, OSError):
                return
            timeout = float(request.get("timeout", 60.0))
            try:
                _alarm(timeout)
                response = self.handle(request)
            except CallTimeout as exc:
                response = {"ok": False, "timeout": True,
                            "error": {"type": "Timeout", "message": str(exc), "traceback": ""}}
            except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt from a cell
                response = {"ok": False, "error": describe_exception(exc)}
            finally:
                _cancel_alarm()
            response["seq"] = request.get("seq")
            try:
                blob = wire.encode(response)
            except Exception as exc:  # noqa: BLE001
                blob = wire.encode({"ok": False, "seq": request.get("seq"),
                                    "error": {"type": "WireError", "message": str(exc)}})
            conn.send_bytes(blob)


def worker_main(conn, settings):
    """Entry point of a worker process (the target of the engine's Process)."""
    from autograder.worker import sandbox
    try:
        sandbox.enter(settings)
        sandbox.close_inherited_fds(keep=[conn.fileno()])
        torch.set_num_threads(1)
        for name in [m for m in sys.modules if m == "autograder" or m.startswith("autograder.")]:
            del sys.modules[name]  # running code keeps its globals; student imports must fail
        os.environ["MPLBACKEND"] = "Agg"
        worker = Worker(settings.get("output_limit", 1_000_000))
    except BaseException:  # noqa: BLE001 - the grader's failure, not the student's: say so and stop
        conn.send_bytes(wire.encode({"ready": False, "seq": 0, "error": _short(traceback.format_exc())}))
        os._exit(SETUP_FAILED)
    # Sent before any student code runs: nothing but the sandbox can forge it.
    conn.send_bytes(wire.encode({"ready": True, "seq": 0}))
    worker.serve(conn)
    os._exit(0)
