"""Hostile submissions: every attack in tests/hostile/ is graded in ONE run with an honest one,
then once more with every cell run (``--run-all``): skipping must change no grade.

Each attack file holds a docstring (the threat and why it fails), ``SOURCE`` (one code
cell), ``PLACEMENT`` ("reference": the executed solution notebook, whole, or "stub": the
release notebook, whose answers raise ``NotImplementedError()``), optionally ``POSITION``
("last", the default, or "first": right after the imports cell) and ``EXPECTED``: "full" (honest code next to the
attack is graded exactly as without it), 0 (the attack earns nothing), or
"full_minus_victim" (one function was made to hang; its tests time out, all others pass).

Tokens like ``@@COURSE@@`` in a cell are replaced with paths and ports of this run (see
``_substitutions``). An attack that achieves something it must not (a read of the course,
a write outside private tmpfs mounts, a network connection...) raises an error containing
``SANDBOX BREACH`` from its cell; the tests also look from the outside: listeners on
loopback, decoy files in the course tree and in host /tmp, a sentinel path, the host's
/proc for surviving processes, and the grader's own peak memory.

Everything depends on Linux namespaces and a bounded process count, which CI machines
(like this one) provide; the first tests say so by name instead of skipping.
"""
import ast
import dataclasses
import glob
import hashlib
import json
import os
import pathlib
import resource
import secrets
import select
import site
import socket
import sys
import threading
import time

import nbformat
import pytest

from autograder import engine, harness, notebooks, zoo
from autograder.worker import namespaces, sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOSTILE = pathlib.Path(__file__).resolve().parent / "hostile"
BREACH = "SANDBOX BREACH"
PREFERRED = ("01_gain", "00_pytorch_basics", "02_oscillator", "03_harmonic_synth", "04_spectral_losses")
# Short limits so that the whole run takes minutes: cells and tests of the reference take
# well under a second each; the loops, sleeps and bombs are cut at these limits.
LIMITS = engine.Limits(cell_timeout=10, test_timeout=15, notebook_timeout=300, memory_mb=2048,
                       cpu_seconds=300, max_restarts=3)
FORK_BOMBS = ("fork_bomb", "fork_bomb_children_return")
REQUIRED_THREATS = [  # (what the brief asks to cover, a substring of some attack file name)
    ("torch comparison patches", "patch_torch"), ("numpy comparison patches", "patch_numpy"),
    ("always-equal objects", "always_equal"), ("lying Tensor subclass", "tensor_subclass"),
    ("IPython transformers / set_custom_exc", "ipython"), ("fake autograder module", "fake_autograder"),
    ("fake numpy module", "fake_numpy"), ("fake results on stdout / fds", "fake_result"),
    ("reading the course directory", "read_course"), ("import autograder", "import_autograder"),
    ("writing outside the workdir", "write_outside"), ("loopback network", "loopback"),
    ("fork bomb", "fork_bomb"), ("infinite loop", "infinite_loop"),
    ("loop ignoring signals", "ignoring_signals"), ("memory bomb", "memory_bomb"),
    ("os._exit", "os_exit"), ("sys.exit", "sys_exit"), ("KeyboardInterrupt", "keyboard_interrupt"),
    ("megabytes of output", "megabytes"), ("threads and children left running", "threads_and_children"),
    ("function sleeping forever", "sleeps_forever"), ("10**9-element tensor", "huge_tensor"),
    ("garbage in the result pipe", "pipe_garbage"), ("inherited descriptors", "inherited_descriptors"),
]


@dataclasses.dataclass
class Attack:
    name: str
    doc: str
    placement: str
    position: str
    expected: object
    source: str


def load_attacks():
    attacks = []
    for path in sorted(HOSTILE.glob("*.py")):
        module = ast.parse(path.read_text())
        values = {}
        for node in module.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                values[node.targets[0].id] = ast.literal_eval(node.value)
        attacks.append(Attack(path.stem, ast.get_docstring(module) or "", values.get("PLACEMENT"),
                              values.get("POSITION", "last"), values.get("EXPECTED"), values.get("SOURCE", "")))
    return attacks


ATTACKS = load_attacks()
# One xdist worker runs the whole module: the grading run is a module fixture, and two
# concurrent runs would each see the other's decoys appear in the course tree.
pytestmark = pytest.mark.xdist_group("hostile")


def _assignment():
    for name in PREFERRED:
        if name in harness.known() and zoo.source_notebook(name).exists():
            return name
    return None


ASSIGNMENT = _assignment()


def fork_bombs_bounded():
    """A pids cgroup is writable here, or the grader is not root (RLIMIT_NPROC binds)."""
    return sandbox.pids_cgroup_path(os.getpid()) is not None or os.geteuid() != 0


def _victim(registry):
    """The plain (lower-case) graded function with the fewest tests: made to sleep forever."""
    counts = {}
    for test in registry.tests:
        counts.setdefault(test.function, []).append(test)
    plain = [f for f in counts if f[:1].islower()] or list(counts)
    return min(plain, key=lambda f: (len(counts[f]), f))


def _build(attack, path):
    """The attack as one more cell of the whole notebook: after its imports cell, or last."""
    variant = zoo.handed_in(ASSIGNMENT, stub=attack.placement == "stub")
    imports = next(i for i, cell in enumerate(variant.cells) if cell.cell_type == "code")
    variant.cells.insert(imports + 1 if attack.position == "first" else len(variant.cells),
                         nbformat.v4.new_code_cell(attack.source))
    nbformat.write(variant, str(path))
    return zoo.hand_in(path, ASSIGNMENT)


# ---------------------------------------------------------------------------
# Watching the host from the trusted side.
class Listeners:
    """TCP and UDP on 127.0.0.1, a Unix socket in host /tmp and an abstract one; records contact."""

    def __init__(self, marker):
        self.contacts = []
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(8)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.unix_path = f"/tmp/hostile_{marker}.sock"
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind(self.unix_path)
        self.unix.listen(8)
        self.abstract_name = f"hostile_{marker}"
        self.abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.abstract.bind("\0" + self.abstract_name)
        self.abstract.listen(8)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.tcp.getsockname()[1]

    @property
    def udp_port(self):
        return self.udp.getsockname()[1]

    def _watch(self):
        sockets = {self.tcp: "tcp", self.udp: "udp", self.unix: "unix", self.abstract: "abstract"}
        while not self.stop.is_set():
            ready, _, _ = select.select(list(sockets), [], [], 0.2)
            for s in ready:
                if s is self.udp:
                    data, peer = s.recvfrom(65536)
                    self.contacts.append(("udp", peer, data[:100]))
                else:
                    conn, peer = s.accept()
                    self.contacts.append((sockets[s], peer))
                    conn.close()

    def close(self):
        self.stop.set()
        self.thread.join(2)
        for s in (self.tcp, self.udp, self.unix, self.abstract):
            s.close()
        if os.path.exists(self.unix_path):
            os.unlink(self.unix_path)


def snapshot(root):
    """path -> (mtime, size, mode, sha256) of every file and folder under the course root."""
    state = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "__pycache__", ".pytest_cache")]
        for name in dirs + files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
                digest = ""
                if os.path.isfile(path) and not os.path.islink(path):
                    with open(path, "rb") as f:
                        digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                continue
            state[path] = (st.st_mtime_ns, st.st_size, st.st_mode, digest)
    return state


def marked_processes(marker):
    """Processes anywhere on the host whose command line or environment carries ``marker``."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{what}", "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if marker.encode() in data:
                found.append((pid, what, data[:160]))
    return found


def _substitutions(run):
    registry = harness.load(ASSIGNMENT)
    return {
        "@@COURSE@@": str(ROOT), "@@ASSIGNMENT@@": ASSIGNMENT, "@@MARKER@@": run["marker"],
        "@@GRADER_MODULE@@": f"autograder.assignments.{ASSIGNMENT}.hidden_tests",
        "@@FUNCTIONS@@": repr(sorted({t.function for t in registry.tests})),
        "@@VICTIM@@": run["victim"], "@@SENTINEL@@": run["sentinel"], "@@DECOYS@@": repr(run["decoys"]),
        "@@PORT@@": str(run["listeners"].port), "@@UDP_PORT@@": str(run["listeners"].udp_port),
        "@@UNIX_SOCKET@@": run["listeners"].unix_path, "@@ABSTRACT@@": run["listeners"].abstract_name,
        "@@HONEST@@": str(run["honest_path"]), "@@BREACH@@": BREACH,
    }


TOKENS = ("COURSE", "ASSIGNMENT", "MARKER", "GRADER_MODULE", "SENTINEL", "UNIX_SOCKET", "ABSTRACT",
          "HONEST", "BREACH")


def _fill(source, substitutions):
    for token, value in substitutions.items():
        source = source.replace(token, value)
    assert "@@" not in source, f"unknown token in attack: {source[source.index('@@'):][:40]}"
    return source


# ---------------------------------------------------------------------------
def _one_run_per_session(tmp_path_factory):
    """Fail loudly if two xdist workers both set up the grading run of this module.

    Two concurrent runs see each other's decoys appear in the course tree, which would
    read as an attack that escaped; the real cause is the scheduler splitting the group.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    shared = tmp_path_factory.getbasetemp().parent  # common to every worker of this session
    try:
        fd = os.open(shared / "hostile_run.lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        pytest.fail("another xdist worker already runs the hostile suite: the xdist_group "
                    "'hostile' was split (run with --dist loadgroup and a pytest that "
                    "pytest-xdist supports, see requirements.txt)")
    os.close(fd)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Grade every attack and the honest submission together, then look at the host."""
    assert ASSIGNMENT, "no source notebook of a registered assignment exists yet"
    assert namespaces.available(), "Linux namespaces are not available: the hostile suite needs them"
    _one_run_per_session(tmp_path_factory)
    marker = "hx" + secrets.token_hex(6)
    registry = harness.load(ASSIGNMENT)
    base = tmp_path_factory.mktemp("hostile")
    subs = base / "submissions"
    info = {"marker": marker, "victim": _victim(registry), "registry": registry,
            "sentinel": f"/tmp/hostile_sentinel_{marker}", "listeners": Listeners(marker)}
    course_decoy = ROOT / "tests" / "hostile" / f".decoy_{marker}"
    tmp_decoy = pathlib.Path(f"/tmp/hostile_decoy_{marker}")
    info["decoys"] = [str(course_decoy), str(tmp_decoy)]
    for decoy in (course_decoy, tmp_decoy):
        decoy.write_text(f"decoy {marker}\n")
    info["decoy_state"] = {str(d): (d.stat().st_mtime_ns, d.read_text()) for d in (course_decoy, tmp_decoy)}
    try:
        honest_dir = subs / "honest"
        honest_dir.mkdir(parents=True)
        info["honest_path"] = honest_dir / f"{ASSIGNMENT}.ipynb"
        nbformat.write(zoo.handed_in(ASSIGNMENT), str(info["honest_path"]))
        zoo.hand_in(info["honest_path"], ASSIGNMENT)
        substitutions = _substitutions(info)
        bounded = fork_bombs_bounded()
        items, names = [notebooks.SubmissionFile(info["honest_path"], ASSIGNMENT, "honest")], ["honest"]
        for attack in ATTACKS:
            if attack.name in FORK_BOMBS and not bounded:
                continue  # reported by the attack's own test, never run unbounded
            folder = subs / attack.name
            folder.mkdir()
            path = _build(dataclasses.replace(attack, source=_fill(attack.source, substitutions)),
                          folder / f"{ASSIGNMENT}.ipynb")
            items.append(notebooks.SubmissionFile(path, ASSIGNMENT, attack.name))
            names.append(attack.name)
        before = snapshot(ROOT)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        results = [r.to_json() for r in engine.grade_all(items, LIMITS, jobs=2, hide=[str(ROOT), str(subs)])]
        info["seconds"] = time.monotonic() - started
        info["rss_growth_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        info["results"] = dict(zip(names, results))
        # the same submissions again, every cell run (--run-all): skipping must change nothing
        info["results_run_all"] = dict(zip(names, (r.to_json() for r in engine.grade_all(
            items, dataclasses.replace(LIMITS, run_all=True), jobs=2, hide=[str(ROOT), str(subs)]))))
        deadline = time.monotonic() + 15  # the kernel may take a moment to reap killed namespaces
        while marked_processes(marker) and time.monotonic() < deadline:
            time.sleep(0.5)
        info["survivors"] = marked_processes(marker)
        time.sleep(6)  # the attacks' threads would write their marker files after 5 s
        info["after"] = snapshot(ROOT)
        info["before"] = before
        info["tmp_marked"] = sorted(p for folder in ("/tmp", "/var/tmp", "/dev/shm")
                                    for p in glob.glob(f"{folder}/*{marker}*"))
        info["site_marked"] = sorted(p for folder in [*site.getsitepackages(), sys.prefix]
                                     for p in glob.glob(f"{folder}/*{marker}*"))
        info["sentinel_exists"] = os.path.exists(info["sentinel"])
        info["decoy_after"] = {d: (pathlib.Path(d).stat().st_mtime_ns, pathlib.Path(d).read_text())
                               if os.path.exists(d) else None for d in info["decoys"]}
        info["contacts"] = list(info["listeners"].contacts)
        info["honest_alone"] = engine.grade_all([items[0]], LIMITS, jobs=1, hide=[str(ROOT), str(subs)])[0].to_json()
        yield info
    finally:
        info["listeners"].close()
        for path in [course_decoy, tmp_decoy, pathlib.Path(info["sentinel"]),
                     *map(pathlib.Path, info.get("site_marked", []))]:
            if path.exists():
                path.unlink()


# ---------------------------------------------------------------------------
def test_linux_namespaces_available_on_this_ci_machine():
    assert namespaces.available()


def test_fork_bombs_bounded_on_this_ci_machine_by_pids_cgroup_or_non_root_nproc():
    assert fork_bombs_bounded(), "running as root without a writable pids cgroup: a fork bomb is unbounded"


def test_attack_files_are_well_formed_and_cover_every_required_threat():
    assert len(ATTACKS) >= 25
    for attack in ATTACKS:
        assert len(attack.doc) > 80, f"{attack.name}: the docstring must describe the threat"
        assert attack.placement in ("reference", "stub"), attack.name
        assert attack.position in ("first", "last"), attack.name
        assert attack.expected in ("full", 0, "full_minus_victim"), attack.name
        assert (attack.expected == 0) == (attack.placement == "stub"), attack.name
        dummy = {"@@FUNCTIONS@@": "[]", "@@DECOYS@@": "[]", "@@PORT@@": "1", "@@UDP_PORT@@": "1",
                 "@@VICTIM@@": "victim"}
        compile(_fill(attack.source, {**dummy, **{f"@@{t}@@": "x" for t in TOKENS}}), attack.name, "exec")
    names = " ".join(a.name for a in ATTACKS)
    missing = [threat for threat, key in REQUIRED_THREATS if key not in names]
    assert not missing, missing
    assert {"reference", "stub"} == {a.placement for a in ATTACKS}


def test_every_submission_was_graded_completely(run):
    registry = run["registry"]
    for name, result in run["results"].items():
        assert result["max_score"] == registry.max_score, (name, result["errors"][:3])
        assert [t["id"] for t in result["tests"]] == [t.id for t in registry.tests], name
        assert not any(e.startswith("grading failed") or "internal" in e for e in result["errors"]), \
            (name, result["errors"][:3])


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack_gets_exactly_its_expected_score(run, attack):
    if attack.name in FORK_BOMBS:
        assert fork_bombs_bounded(), "not run: fork bombs are not bounded on this machine"
    result = run["results"][attack.name]
    registry = run["registry"]
    by_id = {t["id"]: t for t in result["tests"]}
    failing = {i: (t["status"], t["message"][:200]) for i, t in by_id.items() if t["status"] != "passed"}
    if attack.expected == 0:
        assert result["score"] == 0, {i: t["status"] for i, t in by_id.items() if t["status"] == "passed"}
    elif attack.expected == "full":
        assert result["score"] == registry.max_score and not failing, (failing, result["errors"][:5])
    else:
        victim = [t.id for t in registry.tests if t.function == run["victim"]]
        expected = registry.max_score - sum(t.points for t in registry.tests if t.function == run["victim"])
        assert {i: by_id[i]["status"] for i in victim} == {i: "timeout" for i in victim}
        assert set(failing) == set(victim), failing
        assert result["score"] == expected


def test_every_attack_gets_the_same_grade_with_and_without_skipping(run):
    def outcome(result):
        return result["score"], [(t["id"], t["status"], t["points"]) for t in result["tests"]]

    assert all(r["skipped_cells"] == [] for r in run["results_run_all"].values())
    assert run["results"]["honest"]["skipped_cells"], "the honest solution should skip its demonstration cells"
    differ = {name: (outcome(result), outcome(run["results_run_all"][name]))
              for name, result in run["results"].items() if outcome(result) != outcome(run["results_run_all"][name])}
    assert not differ, differ


def test_no_attack_reports_a_sandbox_breach(run):
    breaches = {}
    for name, result in [*run["results"].items(), *run["results_run_all"].items()]:
        texts = result["errors"] + [t["message"] for t in result["tests"]]
        hits = [t[:300] for t in texts if BREACH in t]
        if hits:
            breaches[name] = hits
    assert not breaches


def test_honest_submission_gets_full_marks_beside_the_attacks(run):
    result = run["results"]["honest"]
    assert result["score"] == run["registry"].max_score, result
    assert result["errors"] == []


def test_honest_result_is_identical_to_grading_it_alone(run):
    assert run["results"]["honest"] == run["honest_alone"]


def test_no_file_of_the_course_tree_changed(run):
    before, after, marker = run["before"], run["after"], run["marker"]
    decoy = run["decoys"][0]
    assert run["decoy_after"][decoy] == run["decoy_state"][decoy], "the course decoy was changed"
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    marked = []
    for path in changed:
        if marker in path:
            marked.append(path)
        elif os.path.isfile(path):
            with open(path, "rb") as f:
                if marker.encode() in f.read():
                    marked.append(path)
    # Other people may edit the course while this runs; a change made by an attack carries the marker.
    assert not marked, marked
    assert not [p for p in changed if p.startswith(str(HOSTILE))], changed


def test_host_tmp_untouched(run):
    decoy = run["decoys"][1]
    assert not run["sentinel_exists"]
    assert run["decoy_after"][decoy] == run["decoy_state"][decoy], "the host /tmp decoy was changed"
    assert run["tmp_marked"] == sorted([decoy, run["listeners"].unix_path])
    assert run["site_marked"] == []


def test_loopback_listeners_were_never_contacted(run):
    assert run["contacts"] == []


def test_no_process_of_any_attack_survives_grading(run):
    assert run["survivors"] == []


def test_grader_memory_stays_bounded_whatever_workers_send(run):
    assert run["rss_growth_kb"] < 1024 * 1024, f"peak RSS grew by {run['rss_growth_kb'] / 1024:.0f} MiB"


def test_results_stay_small_after_megabytes_of_output(run):
    for name, result in run["results"].items():
        assert len(json.dumps(result)) < 100_000, name
    assert run["marker"] * 3 not in json.dumps(run["results"]["megabytes_of_output"])


def test_sleeping_function_times_out_and_the_other_tests_are_still_graded(run):
    result = run["results"]["function_sleeps_forever"]
    statuses = {t["status"] for t in result["tests"] if t["function"] == run["victim"]}
    others = {t["status"] for t in result["tests"] if t["function"] != run["victim"]}
    assert statuses == {"timeout"} and others == {"passed"}

