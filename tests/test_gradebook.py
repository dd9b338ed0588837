"""``python -m autograder nbgrader``: the engine's grades in nbgrader's gradebook.

Each assignment with a source notebook gets a temporary course (this
``nbgrader_config.py``, ``source/<assignment>``, the release from ``nbgrader
generate_assignment``) and three submissions: the solution, the untouched
release (stubs), a mutant that also deletes a hidden-test cell and has a
cell that raises, and a truncated file. Demo cells (unlocked code cells that are neither the imports
cell, an answer cell nor tagged ``support``) are blanked so a run takes seconds.
The checks: the gradebook equals ``grade --json`` test by test; the autograded
notebooks, formgrader's view, ``generate_feedback`` and ``export`` agree with it
and show teaching messages, never the hidden-test source; a rerun changes
nothing; an interrupted run keeps every submission it had written.
"""
import html
import json
import os
import pathlib
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import build, harness, zoo

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Source notebooks come from source/ (GRADEBOOK_TEST_SOURCE points elsewhere, e.g. while authoring).
SOURCE = pathlib.Path(os.environ.get("GRADEBOOK_TEST_SOURCE", ROOT / "source"))
ASSIGNMENTS = [a for a in harness.known() if (SOURCE / a / f"{a}.ipynb").exists()]
if "GRADEBOOK_TEST_SOURCE" not in os.environ:
    # The gradebook path is one code path for every assignment (about 2 minutes each): the suite
    # runs it on the first assignment and on 08 (tuple-valued functions, the longest notebook).
    # test_nbgrader_equivalence.py covers every assignment's grade cells in nbgrader.
    ASSIGNMENTS = sorted({*ASSIGNMENTS[:1], *[a for a in ASSIGNMENTS if a.startswith("08_")]})
STUDENTS = ("alice", "bob", "carol", "dave")  # solution, stub, mutant, unreadable file
TIMESTAMP = "2026-01-15 10:30:00.000000 UTC"
HIDDEN_MARKERS = ("autograder.incell", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "from autograder")
RAISING_CELL = "print(name_carol_never_defined)"

pytestmark = pytest.mark.skipif(not ASSIGNMENTS, reason="no source notebooks yet")


def _env():
    return build.nbgrader_env(PYTHONPATH=str(ROOT))


def _run(args, cwd, check=True, timeout=900):
    proc = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def _autograder(*args, cwd, check=True):
    return _run([sys.executable, "-m", "autograder", *args], cwd, check)


def _nbgrader(*args, cwd, check=True):
    return _run([sys.executable, "-m", "nbgrader", *args], cwd, check)


# ---------------------------------------------------------------------------
# Building the course and its submissions.
def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _strip_markers(source):
    return "\n".join(line for line in source.split("\n")
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def _solution_notebook(course, assignment):
    """solutions/<assignment>.ipynb when it exists, else the release with the source's answers."""
    built = ROOT / "solutions" / f"{assignment}.ipynb"
    if built.exists():
        nb = nbformat.read(str(built), as_version=4)
    else:
        nb = nbformat.read(str(course / "release" / assignment / f"{assignment}.ipynb"), as_version=4)
        source = nbformat.read(str(course / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
        answers = {_meta(c)["grade_id"]: c.source for c in source.cells if _meta(c).get("solution")}
        for cell in nb.cells:
            if _meta(cell).get("grade_id") in answers:
                cell.source = _strip_markers(answers[_meta(cell)["grade_id"]])
    return _fast(nb)


def _fast(nb):
    """Demo cells blanked: the graded functions do not need them, and runs take seconds."""
    return zoo.blank_demo_cells(nb)


def _mutant(assignment):
    found = zoo.load_mutants(assignment)
    if found:
        return found[0]
    function = harness.load(assignment).tests[0].function
    source = f"def {function}(*args, **kwargs):\n    raise RuntimeError('broken on purpose')\n"
    return zoo.Mutant(assignment, function, "broken", "raises", [], source, None)


def _submit(course, assignment):
    """submitted/<student>/<assignment>/<assignment>.ipynb for every student."""
    release = nbformat.read(str(course / "release" / assignment / f"{assignment}.ipynb"), as_version=4)
    solution = _solution_notebook(course, assignment)
    mutant = nbformat.from_dict(zoo.full_variant(solution, _mutant(assignment)))
    graded = [i for i, c in enumerate(mutant.cells) if _meta(c).get("grade")]
    del mutant.cells[graded[-1]]                     # a hidden-test cell deleted by the student
    mutant.cells.append(nbformat.v4.new_code_cell(RAISING_CELL))
    for student, nb in zip(STUDENTS, (solution, _fast(release), mutant, None)):
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        if nb is None:
            (folder / f"{assignment}.ipynb").write_text('{"cells": [')   # truncated upload
        else:
            nbformat.write(nb, str(folder / f"{assignment}.ipynb"))
    (course / "submitted" / "carol" / assignment / "timestamp.txt").write_text(TIMESTAMP + "\n")


def _grouped(assignments):
    return [pytest.param(a, marks=pytest.mark.xdist_group(f"gradebook-{a}")) for a in assignments]


FIRST_ASSIGNMENT = _grouped(ASSIGNMENTS[:1])


# One xdist worker per assignment: the graded course is a module fixture, built once.
@pytest.fixture(scope="module", params=_grouped(ASSIGNMENTS))
def pristine(request, tmp_path_factory):
    """A course with a release and submissions, never graded (copy it before use)."""
    assignment = request.param
    course = tmp_path_factory.mktemp(f"course_{assignment}")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(SOURCE / assignment, course / "source" / assignment)
    _nbgrader("generate_assignment", assignment, "--force", cwd=course)
    _submit(course, assignment)
    return assignment, course


def _copy(pristine, tmp_path, name="course"):
    assignment, course = pristine
    target = tmp_path / name
    shutil.copytree(course, target, symlinks=True)
    return assignment, target


@pytest.fixture(scope="module")
def graded(pristine, tmp_path_factory):
    """The pristine course graded by ``python -m autograder nbgrader``, with ``grade --json``."""
    assignment, course = _copy(pristine, tmp_path_factory.mktemp("graded"))
    start = time.monotonic()
    proc = _autograder("nbgrader", assignment, "--course", str(course), "--jobs", "2", cwd=course)
    seconds = time.monotonic() - start
    print(f"\n{assignment}: nbgrader subcommand on {len(STUDENTS)} submissions took {seconds:.1f} s")
    report = course.parent / "grade.json"
    # exit status 1: dave's truncated file is not gradable (and is reported as such)
    proc_grade = _autograder("grade", str(course / "submitted"), "--assignment", assignment, "--json", str(report),
                             cwd=ROOT, check=False)
    assert proc_grade.returncode == 1 and "not gradable" in proc_grade.stdout, proc_grade.stderr[-2000:]
    by_student = {r["student"]: r for r in json.loads(report.read_text())}
    return assignment, course, by_student, proc


# ---------------------------------------------------------------------------
# Reading the gradebook.
def _grades(course, assignment):
    """{student: {grade cell: (auto_score, max_score, needs_manual_grade)}} plus submission info."""
    from nbgrader.api import Gradebook
    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "ddsp") as gb:
        for sub in gb.assignment_submissions(assignment):
            cells = {g.name: (g.auto_score, g.max_score, g.needs_manual_grade)
                     for nb in sub.notebooks for g in nb.grades}
            out[sub.student.id] = {"cells": cells, "score": sub.score, "max_score": sub.max_score,
                                   "timestamp": sub.timestamp}
    return out


def _snapshot(course):
    """Every row of every gradebook table, sorted: equal snapshots mean equal gradebooks."""
    with sqlite3.connect(course / "gradebook.db") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _autograded(course, student, assignment):
    return nbformat.read(str(course / "autograded" / student / assignment / f"{assignment}.ipynb"), as_version=4)


def _text(page):
    page = re.sub(r"<(style|script).*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


# ---------------------------------------------------------------------------
def test_gradebook_equals_grade_json(graded):
    assignment, course, report, proc = graded
    grades = _grades(course, assignment)
    assert set(grades) == set(STUDENTS), proc.stdout + proc.stderr
    registry = harness.load(assignment)
    for student in STUDENTS:
        tests = {t["id"]: t for t in report[student]["tests"]}
        cells = grades[student]["cells"]
        assert set(cells) == {t.id for t in registry.tests}
        for test_id, (auto_score, max_score, needs_manual) in cells.items():
            assert auto_score == pytest.approx(tests[test_id]["points"]), (student, test_id)
            assert max_score == pytest.approx(tests[test_id]["max_points"]), (student, test_id)
            assert needs_manual is False
        assert grades[student]["score"] == pytest.approx(report[student]["score"])
        assert f"{student}: {report[student]['score']:g} / {registry.max_score:g}" in proc.stdout
    assert grades["alice"]["score"] == pytest.approx(registry.max_score), report["alice"]
    assert grades["bob"]["score"] == 0 and grades["dave"]["score"] == 0
    assert 0 <= grades["carol"]["score"] < registry.max_score
    assert str(grades["carol"]["timestamp"]).startswith("2026-01-15 10:30:00")
    assert grades["alice"]["timestamp"] is None


def test_autograded_notebooks_show_messages_not_hidden_code(graded):
    from nbgrader import utils
    assignment, course, report, _ = graded
    grades = _grades(course, assignment)
    for student in STUDENTS:
        nb = _autograded(course, student, assignment)
        text = json.dumps(nb)
        for marker in HIDDEN_MARKERS:
            assert marker not in text, (student, marker)
        tests = {t["id"]: t for t in report[student]["tests"]}
        shown = set()
        for cell in nb.cells:
            grade_id = _meta(cell).get("grade_id")
            if grade_id not in tests or not _meta(cell).get("grade"):
                continue
            shown.add(grade_id)
            test = tests[grade_id]
            [output] = cell.outputs
            if test["status"] == "passed":
                assert output.output_type == "stream" and "passed" in output.text
            else:
                assert output.output_type == "error" and output.evalue == test["message"]
                assert test["message"] in "\n".join(output.traceback)
            # nbgrader's own reading of the cell gives the gradebook's score
            assert utils.determine_grade(cell)[0] == pytest.approx(grades[student]["cells"][grade_id][0])
            assert utils.compute_checksum(cell) == _meta(cell)["checksum"]
        assert shown == set(tests), student               # carol's deleted cell is back
        assert (course / "autograded" / student / assignment).stat().st_mode & 0o777
    carol = _autograded(course, "carol", assignment)
    raising = [c for c in carol.cells if c.source == RAISING_CELL]
    assert raising and raising[0].outputs[0].output_type == "error"
    assert raising[0].outputs[0].ename == "NameError"
    assert (course / "autograded" / "carol" / assignment / "timestamp.txt").read_text().strip() == TIMESTAMP
    dave = _autograded(course, "dave", assignment)              # the release, with a note and the results
    assert "could not be read" in dave.cells[0].source


def test_formgrader_sees_every_submission_with_messages(graded):
    from nbconvert.exporters import HTMLExporter
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.server_extensions.formgrader import handlers
    assignment, course, report, _ = graded
    coursedir = CourseDirectory(root=str(course), course_id="ddsp")
    api = NbGraderAPI(coursedir=coursedir)
    assert api.get_autograded_students(assignment) == set(STUDENTS)
    submissions = {s["student"]: s for s in api.get_notebook_submissions(assignment, assignment)}
    assert set(submissions) == set(STUDENTS)
    assert submissions["alice"]["failed_tests"] is False and submissions["bob"]["failed_tests"] is True
    for student in STUDENTS:
        assert submissions[student]["score"] == pytest.approx(report[student]["score"])
        assert submissions[student]["needs_manual_grade"] is False
    # the page formgrader's SubmissionHandler renders for one submission
    exporter = HTMLExporter(template_name="formgrade", extra_template_basedirs=[handlers.template_path])
    page, _ = exporter.from_filename(
        str(course / "autograded" / "bob" / assignment / f"{assignment}.ipynb"),
        resources={"assignment_id": assignment, "notebook_id": assignment, "submission_id": "x", "index": 0,
                   "total": 3, "base_url": "", "student": "bob", "last_name": None, "first_name": None,
                   "notebook_path": ""})
    text = _text(page)
    for marker in HIDDEN_MARKERS:
        assert marker not in page
    for test in report["bob"]["tests"]:
        assert _text(html.escape(test["message"])) in text


def test_feedback_and_export_use_the_gradebook(graded):
    assignment, course, report, _ = graded
    _nbgrader("generate_feedback", assignment, cwd=course)
    _nbgrader("export", cwd=course)
    rows = {r.split(",")[3]: r.split(",") for r in (course / "grades.csv").read_text().splitlines()[1:]}
    header = (course / "grades.csv").read_text().splitlines()[0].split(",")
    max_score = harness.load(assignment).max_score
    for student in STUDENTS:
        row = dict(zip(header, rows[student]))
        assert float(row["score"]) == pytest.approx(report[student]["score"])
        assert float(row["max_score"]) == pytest.approx(max_score)
        page = (course / "feedback" / student / assignment / f"{assignment}.html").read_text()
        for marker in HIDDEN_MARKERS:
            assert marker not in page, (student, marker)
        text = _text(page)
        assert f"Score: {report[student]['score']:.1f} / {max_score:.1f}" in text
        for test in report[student]["tests"]:
            if test["status"] != "passed":
                assert _text(html.escape(test["message"])) in text, (student, test["id"])
            else:
                assert f"{test['id']}: passed" in text


# One assignment is enough for what this checks (and saves CPU).
@pytest.mark.parametrize("pristine", FIRST_ASSIGNMENT, indirect=True)
def test_rerun_is_idempotent_and_keeps_manual_grades(pristine, tmp_path):
    from nbgrader.api import Gradebook
    assignment, course = _copy(pristine, tmp_path)
    _autograder("nbgrader", assignment, "--course", str(course), cwd=course)
    before = _snapshot(course)
    files = {p: p.read_bytes() for p in sorted((course / "autograded").rglob("*")) if p.is_file()}
    _autograder("nbgrader", assignment, "--course", str(course), cwd=course)
    assert _snapshot(course) == before
    assert {p: p.read_bytes() for p in sorted((course / "autograded").rglob("*")) if p.is_file()} == files

    # a grader's manual score survives a rerun, which then flags the cell for review (as autograde does)
    test_id = harness.load(assignment).tests[0].id
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "ddsp") as gb:
        gb.find_grade(test_id, assignment, assignment, "bob").manual_score = 0.5
        gb.db.commit()
    proc = _autograder("nbgrader", assignment, "--course", str(course), "--student", "b*", cwd=course)
    assert "bob:" in proc.stdout and "alice:" not in proc.stdout and "carol:" not in proc.stdout
    auto, _, needs_manual = _grades(course, assignment)["bob"]["cells"][test_id]
    assert auto == 0 and needs_manual is True
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "ddsp") as gb:
        assert gb.find_grade(test_id, assignment, assignment, "bob").manual_score == 0.5


# One assignment is enough for what this checks (and saves CPU).
@pytest.mark.parametrize("pristine", FIRST_ASSIGNMENT, indirect=True)
def test_exception_after_n_submissions_keeps_the_first_n(pristine, tmp_path):
    from autograder import gradebook
    assignment, course = _copy(pristine, tmp_path)
    (course / "gradebook.db").unlink()      # also: the command registers the assignment itself
    written = []

    def crash_after_two(*args):
        if len(written) == 2:
            raise KeyboardInterrupt("simulated crash")
        written.append(args[2])
        return gradebook.write_submission(*args)

    with pytest.raises(KeyboardInterrupt):
        gradebook.run(assignment, course=str(course), jobs=1, write=crash_after_two)
    grades = _grades(course, assignment)
    assert set(grades) == set(written) and len(written) == 2
    for student in written:
        assert all(auto is not None for auto, _, _ in grades[student]["cells"].values())
    first = {s: grades[s] for s in written}
    summary = gradebook.run(assignment, course=str(course), jobs=1)
    assert sorted(summary["graded"]) == sorted(STUDENTS) and not summary["failed"]
    again = _grades(course, assignment)
    assert {s: again[s] for s in written} == first
    # registered exactly as generate_assignment registered it in the pristine course
    assert _cells(course) == _cells(pristine[1])


def _cells(course):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "ddsp") as gb:
        return sorted((nb.name, c.name, c.cell_type, c.checksum, c.locked, c.source)
                      for a in gb.assignments for nb in a.notebooks for c in nb.source_cells) + \
            sorted((nb.name, c.name, c.max_score) for a in gb.assignments for nb in a.notebooks
                   for c in nb.grade_cells) + \
            sorted((nb.name, nb.kernelspec) for a in gb.assignments for nb in a.notebooks)


# One assignment is enough for what this checks (and saves CPU).
@pytest.mark.parametrize("pristine", FIRST_ASSIGNMENT, indirect=True)
def test_killed_run_keeps_what_it_wrote(pristine, tmp_path):
    assignment, course = _copy(pristine, tmp_path)
    db = course / "gradebook.db"
    proc = subprocess.Popen([sys.executable, "-m", "autograder", "nbgrader", assignment, "--course", str(course)],
                            cwd=course, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    recorded = 0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    recorded = con.execute("SELECT COUNT(DISTINCT notebook_id) FROM grade "
                                           "WHERE auto_score IS NOT NULL").fetchone()[0]
            except sqlite3.OperationalError:
                recorded = 0
        if recorded >= 1:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait(30)
    output = proc.stdout.read().decode()
    assert recorded >= 1, output
    assert proc.returncode == -signal.SIGKILL, f"the run finished before it could be killed:\n{output}"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    grades = _grades(course, assignment)
    complete = {s for s, g in grades.items() if all(a is not None for a, _, _ in g["cells"].values())}
    assert len(complete) >= 1 and len(complete) < len(STUDENTS), grades
    kept = {s: grades[s] for s in complete}
    _autograder("nbgrader", assignment, "--course", str(course), cwd=course)
    final = _grades(course, assignment)
    assert set(final) == set(STUDENTS)
    assert {s: final[s] for s in complete} == kept


def test_usage_errors_exit_2(pristine, tmp_path):
    assignment, course = _copy(pristine, tmp_path)
    shutil.rmtree(course / "submitted")
    proc = _autograder("nbgrader", assignment, "--course", str(course), cwd=course, check=False)
    assert proc.returncode == 2 and "no submissions" in proc.stderr
    proc = _autograder("nbgrader", assignment, "--course", str(tmp_path), cwd=tmp_path, check=False)
    assert proc.returncode == 2 and "nbgrader_config.py" in proc.stderr


# ---------------------------------------------------------------------------
# Hostile submissions: tampered nbgrader metadata, untrusted timestamps, symbolic links.
def _tampered_submissions(course, assignment):
    """{student: what was done}: each a correct solution with one thing tampered with."""
    import copy
    solution = _solution_notebook(course, assignment)
    graded_cells = [i for i, c in enumerate(solution.cells) if _meta(c).get("grade")]
    made = {}

    def save(student, nb, what, extra=None):
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        if nb is not None:
            nbformat.write(nb, str(folder / f"{assignment}.ipynb"))
        if extra:
            extra(folder)
        made[student] = what

    nb = copy.deepcopy(solution)
    nb.cells.insert(2, nbformat.v4.new_code_cell("extra_points = 1"))
    nb.cells[2].metadata["nbgrader"] = {"grade": True, "grade_id": "my_own_cell", "points": 100,
                                        "solution": False, "locked": False, "schema_version": 3}
    save("newid", nb, "a new grade cell of its own")
    nb = copy.deepcopy(solution)
    twin = copy.deepcopy(nb.cells[graded_cells[0]])
    twin.id = "twin-cell"
    nb.cells.append(twin)
    save("dupid", nb, "a duplicated grade_id")
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if "checksum" in _meta(cell):
            cell.metadata.nbgrader["checksum"] = "0" * 32
        if _meta(cell).get("locked"):
            cell.metadata.nbgrader["solution"] = True
    save("checksums", nb, "changed checksums and flags")
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if "nbgrader" in cell.metadata:
            cell.metadata.nbgrader["schema_version"] = 1
    save("schema", nb, "an old schema version")
    nb = copy.deepcopy(solution)
    del nb.cells[graded_cells[0]].metadata.nbgrader["grade_id"]
    save("noid", nb, "a grade cell without grade_id")
    save("badtime", copy.deepcopy(solution), "a timestamp that is not a time",
         lambda f: (f / "timestamp.txt").write_text("yesterday, I promise"))
    save("linktime", copy.deepcopy(solution), "timestamp.txt linked to a host file",
         lambda f: (f / "timestamp.txt").symlink_to("/etc/hostname"))
    save("linker", None, "the notebook linked to the instructor's source notebook",
         lambda f: (f / f"{assignment}.ipynb").symlink_to(course / "source" / assignment / f"{assignment}.ipynb"))
    (course / "submitted" / "alias").symlink_to(course / "submitted" / "newid")
    made["alias"] = "a student folder linked to another student's"
    return made


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    assignment = ASSIGNMENTS[0]
    course = tmp_path_factory.mktemp("tampered")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(SOURCE / assignment, course / "source" / assignment)
    _nbgrader("generate_assignment", assignment, "--force", cwd=course)
    made = _tampered_submissions(course, assignment)
    proc = _autograder("nbgrader", assignment, "--course", str(course), "--jobs", "2", cwd=course, check=False)
    return assignment, course, made, proc


@pytest.mark.xdist_group("gradebook-tampered")
def test_every_tampered_submission_is_graded_and_recorded(tampered):
    assignment, course, made, proc = tampered
    assert proc.returncode == 0, proc.stdout + proc.stderr
    grades = _grades(course, assignment)
    max_score = harness.load(assignment).max_score
    for student in ("newid", "dupid", "checksums", "schema", "noid", "badtime", "linktime"):
        assert grades[student]["score"] == pytest.approx(max_score), (student, made[student], proc.stderr[-2000:])
        assert set(grades[student]["cells"]) == {t.id for t in harness.load(assignment).tests}
    assert grades["badtime"]["timestamp"] is None and grades["linktime"]["timestamp"] is None
    assert "timestamp.txt ignored" in proc.stderr
    autograded = json.dumps(_autograded(course, "newid", assignment))
    assert "my_own_cell" not in autograded


@pytest.mark.xdist_group("gradebook-tampered")
def test_symbolic_links_earn_nothing_and_leak_nothing(tampered):
    assignment, course, made, proc = tampered
    grades = _grades(course, assignment)
    assert grades["linker"]["score"] == 0
    assert "symbolic link" in proc.stderr
    nb = _autograded(course, "linker", assignment)
    text = json.dumps(nb)
    source = nbformat.read(str(course / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
    for cell in source.cells:
        for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S):
            for line in region.splitlines():
                if len(line.strip()) > 25:
                    assert json.dumps(line.strip())[1:-1] not in text, line
    assert "symbolic link" in nb.cells[0].source
    # a linked student folder is not graded as that student's
    assert "alias" not in grades or grades["alias"]["score"] == 0
    assert not (course / "autograded" / "linktime" / assignment / "timestamp.txt").exists()


@pytest.mark.xdist_group("gradebook-tampered")
def test_grade_refuses_symbolic_links_with_a_clear_message(tampered, tmp_path):
    assignment, course, _, _ = tampered
    target = course / "source" / assignment / f"{assignment}.ipynb"
    link = tmp_path / f"{assignment}.ipynb"
    link.symlink_to(target)
    proc = _autograder("grade", str(link), "--json", "-", cwd=ROOT, check=False)
    assert proc.returncode == 1, proc.stderr
    [result] = json.loads(proc.stdout)
    assert result["score"] == 0 and "symbolic link" in result["errors"][0]
    proc = _autograder("grade", str(course / "submitted"), "--json", "-", cwd=ROOT, check=False)
    results = {r["student"]: r for r in json.loads(proc.stdout)}
    assert proc.returncode == 1 and results["linker"]["score"] == 0
    assert "alias" not in results and "skipped" in proc.stderr
    assert results["newid"]["score"] == results["newid"]["max_score"] > 0
