"""Worker start-up: every worker sets up its sandbox, and a grader-side failure is never a grade.

A worker that cannot set itself up must not be mistaken for student code that killed
it: before the ready handshake, such a failure was charged to the notebook's first cell.
"""
import json
import os
import subprocess
import sys
import threading

import pytest

from autograder import cli, engine, gradebook, notebooks, results
from autograder.worker import namespaces

ROOT = notebooks.course_root()
SOLUTION = ROOT / "solutions" / "01_gain.ipynb"


@pytest.mark.skipif(not namespaces.available(), reason="Linux namespaces are not available here")
def test_sixty_concurrent_worker_starts_all_set_up_their_sandbox():
    """Two threads start workers side by side, as ``--jobs 2`` does; none may fail to set up.

    A race once made the read-only remount of a worker's private /dev fail (EBUSY) for
    about one worker in forty: the waiting parent, in the same mount namespace, opened the
    child's placeholder /dev/null for writing. ``wait_ready`` reports any such failure.
    """
    pool = engine.WorkerPool(engine.Limits())
    problems, lock = [], threading.Lock()

    def start_many(count):
        for _ in range(count):
            handle = pool._start_one()  # one attempt each: spawn() would retry and hide failures
            problem = handle.wait_ready(engine.SPAWN_SECONDS)
            if problem is None:
                handle.close()
            with lock:
                problems.append(problem)

    # Busy processes on every core, as when other submissions' cells run: the race needed a
    # parent that was not scheduled for a while after its fork.
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        threads = [threading.Thread(target=start_many, args=(30,)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    assert len(problems) == 60
    failures = [p for p in problems if p is not None]
    assert not failures, f"{len(failures)} of 60 workers could not start; first: {failures[0]}"


def test_a_worker_that_cannot_start_is_reported_as_not_graded(tmp_path):
    """A sandbox that cannot be set up (here: its working-directory root is missing)."""
    limits = engine.Limits(max_restarts=1)
    pool = engine.WorkerPool(limits)
    pool.settings["workdir_root"] = str(tmp_path / "missing")
    item = notebooks.SubmissionFile(SOLUTION, "01_gain", "s1")
    result = engine._grade_safely(pool, item, limits)
    assert result.outcome == results.GRADER_FAILED
    assert result.errors[0].startswith("grading failed: no worker could be started"), result.errors
    assert "FileNotFoundError" in result.errors[0], result.errors[0][-1500:]
    assert result.tests == [] and result.score == 0
    # The student's first cell is not blamed for the grader's failure.
    assert result.cell_errors == [], result.errors


def _failed(item):
    return results.SubmissionResult(item.student, item.assignment, str(item.path),
                                    notes=["grading failed: no worker could be started"],
                                    outcome=results.GRADER_FAILED)


def test_cli_exits_with_status_one_when_a_submission_was_not_graded(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(engine, "grade_all", lambda items, *args, **kwargs: [_failed(i) for i in items])
    status = cli.main(["grade", str(SOLUTION), "--json", str(tmp_path / "out.json")])
    assert status == 1
    assert "NOT GRADED" in capsys.readouterr().out
    assert json.loads((tmp_path / "out.json").read_text())[0]["errors"] == [
        "grading failed: no worker could be started"]


def test_a_pool_that_never_started_a_worker_fails_every_submission_at_once(tmp_path):
    """After one submission's retries, the others are reported within a second, not retried each."""
    import time
    limits = engine.Limits(max_restarts=1)
    pool = engine.WorkerPool(limits)
    pool.settings["workdir_root"] = str(tmp_path / "missing")
    items = [notebooks.SubmissionFile(SOLUTION, "01_gain", f"s{i}") for i in range(4)]
    first = engine._grade_safely(pool, items[0], limits)
    start = time.monotonic()
    rest = [engine._grade_safely(pool, item, limits) for item in items[1:]]
    assert time.monotonic() - start < 1.0
    assert all(r.outcome == results.GRADER_FAILED for r in [first, *rest])
    assert {r.errors[0] for r in rest} == {first.errors[0]}


def test_an_honest_submission_is_graded_with_exit_status_zero(tmp_path):
    out = tmp_path / "grades.json"
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTION), "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    result = json.loads(out.read_text())[0]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert result["errors"] == [] and result["score"] == result["max_score"] > 0


def test_gradebook_path_keeps_what_it_had_for_a_submission_that_was_not_graded(capsys):
    """``record`` must not write the made-up zero of a failed grading over an earlier grade."""
    written = []
    summary = {"graded": [], "failed": [], "results": {}}
    failed = _failed(notebooks.SubmissionFile("/x/s1/01_gain/01_gain.ipynb", "01_gain", "s1"))
    gradebook.record_results(summary, "s1", {"01_gain": (failed.notebook, failed)},
                             write=lambda *args: written.append(args), course=None, assignment="01_gain",
                             sources=None, max_score=41.0, out=None)
    assert written == []
    assert summary["failed"] == ["s1"] and summary["graded"] == []
    assert "not graded" in capsys.readouterr().err


def test_workers_do_not_import_the_grading_script_again(tmp_path):
    """multiprocessing re-imports the parent's main script in every child unless told not to.

    The script below appends a line to a log at import time, then grades through a pool of
    three workers: the log must hold the parent's line only.
    """
    log = tmp_path / "imports.log"
    script = tmp_path / "grade_script.py"
    script.write_text(
        "import os, sys\n"
        f"open({str(log)!r}, 'a').write(f'imported in {{os.getpid()}}\\n')\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from autograder import engine\n"
        "if __name__ == '__main__':\n"
        "    pool = engine.WorkerPool(engine.Limits())\n"
        "    for _ in range(3):\n"
        "        pool.spawn().close()\n"
        "    print('spawned')\n")
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0 and "spawned" in proc.stdout, proc.stderr[-2000:]
    lines = log.read_text().splitlines()
    assert lines == [f"imported in {lines[0].split()[-1]}"], lines


def test_a_fork_server_that_died_is_replaced_and_grading_goes_on():
    """Whatever kills the fork server between two submissions, the next worker still starts."""
    import signal
    import time
    from multiprocessing import forkserver
    pool = engine.WorkerPool(engine.Limits())
    pool.spawn().close()
    old = forkserver._forkserver._forkserver_pid
    os.kill(old, signal.SIGKILL)
    time.sleep(0.2)
    handle = pool.spawn()
    try:
        assert handle.request({"op": "ping"}, 10).get("ok") is True
    finally:
        handle.close()
    assert forkserver._forkserver._forkserver_pid not in (None, old)


def test_a_grader_whose_libraries_reserve_12_gb_of_address_space_grades_correct_work_fully(tmp_path):
    """A CUDA build of torch maps 12-16 GB of address space at import without using it. With an
    absolute address-space limit, correct solutions lost points ("can't allocate memory");
    the limit now counts from what a worker already has. Reproduced without a GPU: a
    sitecustomize that reserves 12 GB (PROT_NONE, no memory used) when the interpreter starts.
    """
    (tmp_path / "sitecustomize.py").write_text(
        "import mmap\n"
        "_RESERVED = mmap.mmap(-1, 12 * 1024 ** 3, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, prot=0)\n")
    solution = ROOT / "solutions" / "02_oscillator.ipynb"
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(solution), "--json", "-"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [result] = json.loads(proc.stdout)
    assert result["score"] == result["max_score"] > 0, [t for t in result["tests"] if t["status"] != "passed"]
    assert result["errors"] == []


def test_no_gpu_is_visible_to_workers_whatever_the_install():
    """Grading is CPU-only: the fork server hides every GPU before torch is imported there."""
    pool = engine.WorkerPool(engine.Limits())
    handle = pool.spawn()
    try:
        answer = handle.request({"op": "run_cell", "source": "import os, torch\n"
                                 "assert os.environ.get('CUDA_VISIBLE_DEVICES') == ''\n"
                                 "assert not torch.cuda.is_available()\n"
                                 "assert not torch.cuda.is_initialized()\n"}, 60)
        assert answer.get("ok"), answer
    finally:
        handle.close()
