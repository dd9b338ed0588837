"""``python -m autograder nbgrader ASSIGNMENT``: grade an nbgrader course with this engine.

This is the drop-in for ``nbgrader autograde``. Every
``submitted/<student>/<ASSIGNMENT>/*.ipynb`` is graded by the course's engine
(isolated workers, hidden tests in this process), then the results go where
nbgrader keeps them, so formgrader, ``nbgrader generate_feedback`` and
``nbgrader export`` work unchanged:

* the gradebook (``CourseDirectory.db_url``): the assignment, its notebooks and
  cells (registered from ``source/`` with nbgrader's own ``generate_assignment``
  preprocessors when missing), the student, the submission with its
  ``timestamp.txt``, one ``Grade.auto_score`` per grade cell (the test's points,
  0 when it did not pass), comments and late penalties as ``autograde`` sets them;
* ``autograded/<student>/<ASSIGNMENT>/<notebook>.ipynb``: the submission
  sanitised by nbgrader's own ``autograde`` sanitisers (locked cells restored,
  kernelspec, duplicate ids), every hidden-test cell shown in its *release*
  form (the hidden-test block removed) with the test's result as its output:
  ``passed`` on stdout, or the teaching message as an error. nbgrader's
  ``determine_grade`` reads exactly these outputs, and the gradebook holds the
  same scores, so the notebook and the gradebook never disagree.

Each submission is written in one transaction once all of its notebooks are
graded: a run that is interrupted keeps every submission already written, and
a run repeated gives the same gradebook (grades are updated in place).
"""
import contextlib
import datetime
import fnmatch
import glob
import logging
import os
import pathlib
import re
import shutil
import stat
import sys
import tempfile

from autograder import engine, harness, notebooks

PASSED_TEMPLATE = "{id}: passed ({points:g} points)\n"
MISSING_CELL_NOTE = "# This hidden-test cell was missing from the submission; the autograder put it back.\n"


class CourseError(Exception):
    """The course, assignment or gradebook is not in a state we can grade."""


# ---------------------------------------------------------------------------
# The course as nbgrader sees it.
class Course:
    """An nbgrader course directory with its configuration, as ``nbgrader`` loads it."""

    def __init__(self, root=None):
        root = os.path.abspath(root or _default_course())
        if not os.path.exists(os.path.join(root, "nbgrader_config.py")):
            raise CourseError(f"{root} has no nbgrader_config.py; pass --course DIR")
        from nbgrader.apps.baseapp import NbGrader
        app = NbGrader()
        app.log_level = logging.ERROR  # nbgrader warns when the cwd has no config of its own
        with contextlib.chdir(root):
            app.initialize([], root=root)
        app.log_level = logging.WARNING
        self.app, self.config, self.coursedir = app, app.config, app.coursedir
        self.root = os.path.abspath(self.coursedir.root)
        self.log = app.log
        self.quiet_log = logging.getLogger("autograder.gradebook.nbgrader")
        self.quiet_log.setLevel(logging.ERROR)

    @property
    def db_url(self):
        return self.coursedir.db_url

    def gradebook(self):
        from nbgrader.api import Gradebook
        return Gradebook(self.db_url, self.coursedir.course_id)

    @staticmethod
    @contextlib.contextmanager
    def quiet_sqlalchemy():
        """nbgrader's add_submission makes SQLAlchemy warn about its own autoflush; not ours to fix."""
        import warnings
        from sqlalchemy.exc import SAWarning
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=SAWarning)
            yield

    def folder(self, step, student, assignment):
        return os.path.normpath(self.coursedir.format_path(step, student, assignment))

    def source_notebooks(self, assignment):
        folder = self.folder(self.coursedir.source_directory, ".", assignment)
        found = sorted(glob.glob(os.path.join(glob.escape(folder), "*.ipynb")))
        if not found:
            raise CourseError(f"no source notebooks in {folder}")
        return {os.path.splitext(os.path.basename(p))[0]: p for p in found}

    def students(self, assignment, pattern="*"):
        """{student id: submitted folder} for students matching the glob ``pattern``."""
        regexp = self.coursedir.format_path(self.coursedir.submitted_directory, "(?P<student>[^/]+)",
                                            re.escape(assignment), escape=True)
        pattern_path = self.coursedir.format_path(self.coursedir.submitted_directory, "*", assignment)
        excluded = set(filter(None, (self.coursedir.student_id_exclude or "").split(",")))
        found = {}
        for folder in sorted(glob.glob(pattern_path)):
            match = re.fullmatch(regexp, folder)
            if match and os.path.isdir(folder):
                student = match.group("student")
                if fnmatch.fnmatchcase(student, pattern) and student not in excluded:
                    found[student] = os.path.normpath(folder)
        return found

    def preprocessors(self, converter, attribute, upto=None, quiet=False):
        """Instances of a converter's preprocessor list, configured like nbgrader does."""
        classes = list(getattr(converter(coursedir=self.coursedir, config=self.config), attribute))
        if upto is not None:
            classes = classes[:[c.__name__ for c in classes].index(upto) + 1]
        return [cls(config=self.config, log=self.quiet_log if quiet else self.log) for cls in classes]

    def run_preprocessors(self, pps, nb, resources):
        with contextlib.chdir(self.root):
            for pp in pps:
                if pp.enabled:
                    nb, resources = pp.preprocess(nb, resources)
        return nb, resources

    @property
    def permissions(self):
        """File mode of autograded files: ``Autograde.permissions`` (444 unless group-shared)."""
        from nbgrader.converters import Autograde
        return int(str(Autograde(coursedir=self.coursedir, config=self.config).permissions), 8)

    def resources(self, assignment, notebook, student="."):
        return {"unique_key": notebook, "output_files_dir": f"{notebook}_files",
                "metadata": {"name": notebook, "path": self.root},
                "nbgrader": {"student": student, "assignment": assignment, "notebook": notebook,
                             "db_url": self.db_url}}


def _default_course():
    here = os.getcwd()
    if os.path.exists(os.path.join(here, "nbgrader_config.py")):
        return here
    return str(notebooks.course_root())


# ---------------------------------------------------------------------------
# The assignment in the gradebook.
def ensure_assignment(course, assignment):
    """Register the assignment, its notebooks and cells as ``generate_assignment`` does.

    Only what is missing is registered, with nbgrader's own preprocessors (up to
    ``SaveCells``) run on the source notebook, so checksums and points are the
    ones ``nbgrader generate_assignment`` would store. Returns ``{notebook id:
    source path}``.
    """
    import nbformat
    from nbgrader.api import MissingEntry
    from nbgrader.converters import GenerateAssignment
    from nbgrader import utils
    sources = course.source_notebooks(assignment)
    missing = {}
    with course.gradebook() as gb:
        gb.update_or_create_assignment(assignment)
        for name, path in sources.items():
            nb = nbformat.read(path, as_version=4)
            wanted = {c.metadata.nbgrader["grade_id"] for c in nb.cells
                      if utils.is_grade(c) or utils.is_solution(c) or utils.is_locked(c) or utils.is_task(c)}
            try:
                have = {c.name for c in gb.find_notebook(name, assignment).source_cells}
            except MissingEntry:
                have = set()
            if not wanted <= have or not have:
                missing[name] = nb
    for name, nb in missing.items():
        print(f"registering {assignment}/{name} in the gradebook (as generate_assignment would)", file=sys.stderr)
        pps = course.preprocessors(GenerateAssignment, "preprocessors", upto="SaveCells")
        try:
            course.run_preprocessors(pps, nb, course.resources(assignment, name))
        except RuntimeError as exc:  # SaveCells: the cells changed but submissions exist
            raise CourseError(f"{assignment}/{name}: {exc}; the source notebook no longer matches "
                              "the gradebook") from None
    return sources


def check_points(course, assignment, registry):
    """Warnings when the gradebook's grade cells and the grader's tests do not match up."""
    tests = {t.id: t for t in registry.tests}
    warnings, seen = [], set()
    with course.gradebook() as gb:
        for nb in gb.find_assignment(assignment).notebooks:
            answers = {c.name for c in nb.solution_cells}
            for cell in nb.grade_cells:
                seen.add(cell.name)
                if cell.name in tests and float(cell.max_score) != tests[cell.name].points:
                    warnings.append(f"{nb.name}/{cell.name} is worth {cell.max_score:g} points in the "
                                    f"gradebook but {tests[cell.name].points:g} in the grader")
                elif cell.name not in tests and cell.cell_type == "code" and cell.name not in answers:
                    warnings.append(f"{nb.name}/{cell.name} has no hidden test in the grader; "
                                    "it is left for manual grading")
    for test in registry.tests:
        if test.id not in seen:
            warnings.append(f"test {test.id} has no grade cell in the gradebook; its points are not recorded")
    return warnings


# ---------------------------------------------------------------------------
# Autograded notebooks.
def release_source(course, source):
    """A hidden-test cell's source as released: the hidden-test block removed."""
    import nbformat
    from nbgrader.preprocessors import ClearHiddenTests
    cell = nbformat.v4.new_code_cell(source)
    ClearHiddenTests(config=course.config, log=course.quiet_log)._remove_hidden_test_region(cell)
    return cell.source


def result_output(test):
    """The output a grade cell shows for one test result (nbgrader's determine_grade reads it)."""
    import nbformat
    if test.status == "passed":
        note = f"{test.message}\n" if test.message else ""
        return nbformat.v4.new_output("stream", name="stdout",
                                      text=PASSED_TEMPLATE.format(id=test.id, points=test.max_points) + note)
    if test.points > 0:  # partial credit: nbgrader scores a grade cell by its numeric result
        return nbformat.v4.new_output("execute_result", data={"text/plain": f"{test.points:g}"},
                                      execution_count=None)
    header = f"{test.id}: {test.status}, 0 of {test.max_points:g} points"
    message = test.message or test.status
    return nbformat.v4.new_output("error", ename="AssertionError", evalue=message,
                                  traceback=[header, message])


def cell_error_output(error):
    """The output a student's cell shows for a :class:`~autograder.results.CellError`."""
    import nbformat
    kind = error.kind if re.fullmatch(r"[A-Za-z_][\w.]*", error.kind) else "Error"
    return nbformat.v4.new_output("error", ename=kind, evalue=error.message,
                                  traceback=["autograder: this cell failed when the submission was graded",
                                             f"{kind}: {error.message}"])


def autograded_notebook(course, assignment, notebook, student, path, result, source):
    """The notebook nbgrader's formgrader and generate_feedback show for one submission.

    ``source`` is the :class:`SourceNotebook` of the gradebook notebook. The student's
    notebook is shown with its nbgrader metadata taken from the release (the submission's
    own is untrusted). When it cannot be shown (unreadable, not gradable, metadata nbgrader
    cannot process) the released notebook is shown instead, with a note and the results.
    """
    import nbformat
    from nbgrader import utils
    tests = {t.id: t for t in result.tests if t.id in source.grade_ids}
    nb, note = None, None
    if not result.graded:
        reason = result.notes[0] if result.notes else "it could not be graded"
        note = f"**Autograder:** this submission could not be graded: {reason}. This is the released " \
               "notebook with the results of the hidden tests."
    else:
        try:
            nb = _student_notebook(course, assignment, notebook, student, path)
        except Exception as exc:  # noqa: BLE001 - any file nbgrader cannot process: show the release
            note = f"**Autograder:** the submitted notebook could not be shown ({type(exc).__name__}); " \
                   "this is the released notebook with the results of the hidden tests of your code."
    if nb is None:
        nb = nbformat.reads(_release_json(course, assignment, notebook), as_version=4)
        nb, _ = course.run_preprocessors(_sanitizers(course), nb, course.resources(assignment, notebook, student))
    errors = {}
    for error in result.cell_errors:
        errors.setdefault(error.cell, error)
    present = set()
    for cell in nb.cells:
        number = cell.metadata.pop("autograder_cell", None)
        if cell.cell_type == "code" and number in errors:
            cell.outputs = [cell_error_output(errors[number])]
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in tests and utils.is_grade(cell) and not utils.is_solution(cell):
            _show_result(cell, source.cells[grade_id].source, tests[grade_id], course)
            present.add(grade_id)
        elif grade_id is not None and utils.is_locked(cell):
            # OverwriteCells restored the source version; never show a hidden-test block
            released = release_source(course, cell.source)
            if released != cell.source:
                cell.source = released
                cell.metadata.nbgrader["checksum"] = utils.compute_checksum(cell)
    _restore_missing(nb, source, tests, present, course)
    if note:
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))
        nb.cells[0].id = _cell_id("autograder-note", nb)
    nbformat.validate(nb)
    return nb


def _sanitizers(course):
    from nbgrader.converters import Autograde
    return course.preprocessors(Autograde, "sanitize_preprocessors", quiet=True)


def _student_notebook(course, assignment, notebook, student, path):
    """The submitted notebook, cells numbered as the engine numbers them, nbgrader metadata trusted."""
    import nbformat
    nb = nbformat.reads(_read_regular(path, notebooks.MAX_NOTEBOOK_BYTES).decode("utf-8"), as_version=4)
    index = 0
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and not notebooks.is_test_cell(cell):
            index += 1
            cell.metadata["autograder_cell"] = index
    trust_metadata(nb, _release_metadata(course, assignment, notebook))
    nb, _ = course.run_preprocessors(_sanitizers(course), nb, course.resources(assignment, notebook, student))
    nbformat.validate(nb)
    return nb


def trust_metadata(nb, release):
    """Replace every cell's nbgrader metadata by the release's, or drop it; returns what changed.

    ``release`` maps grade_id -> the released cell's nbgrader metadata. The first cell
    carrying a released grade_id gets exactly that metadata; any other nbgrader metadata
    (new or duplicated ids, missing ids, other schema versions, other checksums or points)
    is removed: the gradebook's cells come from the instructor's notebook, never from the
    submission.
    """
    import copy
    changed, seen = [], set()
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            continue
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if isinstance(grade_id, str) and grade_id in release and grade_id not in seen:
            seen.add(grade_id)
            if meta != release[grade_id]:
                changed.append(f"{grade_id}: metadata restored from the release")
            cell.metadata["nbgrader"] = copy.deepcopy(release[grade_id])
        else:
            del cell.metadata["nbgrader"]
            changed.append(f"{grade_id!r}: " + ("a second cell with this id" if grade_id in seen else
                                               "not a cell of the assignment") + "; its nbgrader metadata was removed")
    return changed


_RELEASE_METADATA = {}


def _release_metadata(course, assignment, notebook):
    import nbformat
    key = (course.root, assignment, notebook)
    if key not in _RELEASE_METADATA:
        release = nbformat.reads(_release_json(course, assignment, notebook), as_version=4)
        _RELEASE_METADATA[key] = {c.metadata.nbgrader["grade_id"]: dict(c.metadata.nbgrader)
                                  for c in release.cells if "grade_id" in c.metadata.get("nbgrader", {})}
    return _RELEASE_METADATA[key]


def _read_regular(path, limit):
    """The bytes of a regular file, never through a symbolic link, at most ``limit`` bytes."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise ValueError(f"{path} is not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path} is larger than {limit} bytes")
    return data


def read_timestamp(folder):
    """(timestamp or None, note or None) from a submission's ``timestamp.txt``: untrusted text.

    A link, a file that is not small regular text or not a time is ignored with a note;
    nbgrader itself would stop the whole run on it.
    """
    from nbgrader.utils import parse_utc
    path = os.path.join(folder, "timestamp.txt")
    if not os.path.lexists(path):
        return None, None
    try:
        text = _read_regular(path, 1000).decode("utf-8").strip()
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return None, f"timestamp.txt ignored ({getattr(exc, 'strerror', None) or exc}; a link or not a small text file)"
    if not text:
        return None, "timestamp.txt is empty; ignored"
    try:
        return parse_utc(text), None
    except (ValueError, OverflowError, TypeError):
        return None, f"timestamp.txt ignored: {text[:60]!r} is not a time"


def _show_result(cell, source, test, course, prefix=""):
    """A hidden-test cell in release form, its output the test's result, its checksum consistent."""
    from nbgrader import utils
    cell.cell_type = "code"
    cell.source = prefix + release_source(course, source)
    cell.outputs = [result_output(test)]
    if test.status != "passed" and test.points > 0:
        import nbformat
        cell.outputs.insert(0, nbformat.v4.new_output("stream", name="stdout", text=test.message + "\n"))
    cell.execution_count = None
    cell.metadata.nbgrader["checksum"] = utils.compute_checksum(cell)


def _restore_missing(nb, source, tests, present, course):
    """Put back hidden-test cells the student deleted, after the cell that preceded them in source."""
    import nbformat
    for position_in_source, grade_id in enumerate(source.order):
        if grade_id in present or grade_id not in tests:
            continue
        cell = nbformat.v4.new_code_cell("")
        cell.id = _cell_id(f"restored-{grade_id}", nb)   # deterministic: reruns write the same file
        cell.metadata.update({"deletable": False, "editable": False})
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True, "solution": False,
                                     "task": False, "points": tests[grade_id].max_points,
                                     "schema_version": 3}
        _show_result(cell, source.cells[grade_id].source, tests[grade_id], course, prefix=MISSING_CELL_NOTE)
        earlier = set(source.order[:position_in_source])
        position = 0
        for i, other in enumerate(nb.cells):
            if other.metadata.get("nbgrader", {}).get("grade_id") in earlier:
                position = i + 1
        nb.cells.insert(position, cell)
        present.add(grade_id)


def _cell_id(base, nb):
    """A valid nbformat cell id derived from ``base`` and unused in ``nb``."""
    base = re.sub(r"[^A-Za-z0-9_-]", "-", base)[:56]
    taken = {c.get("id") for c in nb.cells}
    candidate, n = base, 1
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class SourceNotebook:
    """What the gradebook knows of one notebook: its source cells, in source order, and grade cells."""

    def __init__(self, gb_notebook, source_path):
        import nbformat
        self.name = gb_notebook.name
        self.cells = {c.name: _Cell(c.name, c.source, c.cell_type) for c in gb_notebook.source_cells}
        self.grade_ids = {c.name for c in gb_notebook.grade_cells}
        order = [c.metadata.get("nbgrader", {}).get("grade_id")
                 for c in nbformat.read(source_path, as_version=4).cells]
        self.order = [g for g in order if g in self.cells]
        self.order += sorted(set(self.cells) - set(self.order))


class _Cell:
    def __init__(self, name, source, cell_type):
        self.name, self.source, self.cell_type = name, source, cell_type


def _release_json(course, assignment, notebook):
    """The release version of a source notebook, built with nbgrader's preprocessors (no database)."""
    import nbformat
    from nbgrader.converters import GenerateAssignment
    source = course.source_notebooks(assignment)[notebook]
    nb = nbformat.read(source, as_version=4)
    pps = [pp for pp in course.preprocessors(GenerateAssignment, "preprocessors", quiet=True)
           if type(pp).__name__ != "SaveCells"]
    nb, _ = course.run_preprocessors(pps, nb, course.resources(assignment, notebook))
    return nbformat.writes(nb)


# ---------------------------------------------------------------------------
# One submission into the gradebook.
def write_submission(course, assignment, student, graded, sources):
    """Record one student's submission: autograded notebooks and grades in one transaction.

    ``graded`` maps notebook id -> (submitted path, engine result) for the
    notebooks that were submitted; gradebook notebooks missing from it score 0
    (as ``nbgrader autograde`` does). Returns (score, max_score) from the gradebook.
    """
    import nbformat
    submitted = course.folder(course.coursedir.submitted_directory, student, assignment)
    dest = course.folder(course.coursedir.autograded_directory, student, assignment)
    with course.gradebook() as gb:
        known = {nb.name: SourceNotebook(nb, sources[nb.name])
                 for nb in gb.find_assignment(assignment).notebooks if nb.name in sources}
    # Build everything that can fail before the gradebook is touched.
    built = {name: autograded_notebook(course, assignment, name, student, path, result, known[name])
             for name, (path, result) in graded.items()}
    os.makedirs(dest, exist_ok=True)
    staged = []
    try:
        for name, nb in built.items():
            staged.append(_stage(os.path.join(dest, f"{name}.ipynb"), nbformat.writes(nb)))
        with course.gradebook() as gb, course.quiet_sqlalchemy():
            gb.update_or_create_student(student)
            # None when there is no timestamp.txt: formgrader compares it with submitted/'s
            timestamp, note = read_timestamp(submitted)
            if note:
                print(f"warning: {student}: {note}", file=sys.stderr)
            submission = gb.update_or_create_submission(assignment, student, timestamp=timestamp)
            for snb in submission.notebooks:
                cells = {c.metadata.nbgrader["grade_id"]: c for c in
                         (built[snb.name].cells if snb.name in built else [])
                         if "grade_id" in c.metadata.get("nbgrader", {})}
                tests = {t.id: t for t in graded[snb.name][1].tests} if snb.name in graded else None
                _set_grades(snb, cells, tests, course)
            gb.db.flush()
            for snb in submission.notebooks:
                _late_penalty(gb, course, submission, snb)
            gb.db.commit()
            gb.db.expire_all()
            totals = (submission.score, submission.max_score)
        for tmp, final in staged:
            os.chmod(tmp, course.permissions)
            os.replace(tmp, final)
        staged = []
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.remove(tmp)
    _copy_files(course, assignment, submitted, dest, graded, sources)
    return totals


def _stage(final, text):
    fd, tmp = tempfile.mkstemp(prefix=".autograder-", suffix=".ipynb", dir=os.path.dirname(final))
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return tmp, final


def _set_grades(snb, cells, tests, course):
    """Grades and comments of one submitted notebook, as autograde's SaveAutoGrades sets them.

    A grade cell with a hidden test gets the test's points (0 unless it passed);
    a manually graded answer cell gets nbgrader's own determine_grade (0 when
    unchanged, else left for the grader); anything else is left for manual grading.
    """
    from nbgrader import utils
    for grade in snb.grades:
        name = grade.cell.name
        if tests is None:                    # the notebook was not submitted
            grade.auto_score, grade.needs_manual_grade = 0, False
            continue
        cell = cells.get(name)
        if name in tests:
            grade.auto_score = float(tests[name].points)
        elif cell is not None and utils.is_grade(cell) and utils.is_solution(cell):
            grade.auto_score, _ = utils.determine_grade(cell, course.quiet_log)
        else:
            grade.auto_score = None
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
    if tests is None:
        return
    for comment in snb.comments:
        cell = cells.get(comment.cell.name)
        if cell is None:
            continue
        unchanged = cell.metadata.nbgrader.get("checksum") == utils.compute_checksum(cell)
        comment.auto_comment = "No response." if unchanged and not utils.is_task(cell) else None


def _late_penalty(gb, course, submission, snb):
    """The late penalty nbgrader's AssignLatePenalties would store, with the course's plugin."""
    from nbgrader.preprocessors import AssignLatePenalties
    gb.db.expire(snb)
    snb.late_submission_penalty = None
    seconds = submission.total_seconds_late
    if seconds > 0:
        assign = AssignLatePenalties(config=course.config, log=course.log)
        assign.init_plugin()
        penalty = assign.plugin_inst.late_submission_penalty(submission.student.id, snb.score, seconds)
        if penalty is not None:
            snb.late_submission_penalty = assign._check_late_penalty(snb, penalty)


def _copy_files(course, assignment, submitted, dest, graded, sources):
    """Other files, as autograde copies them: the submission's (timestamp.txt...), then the source's."""
    from nbgrader.utils import find_all_files
    ignore = list(course.coursedir.ignore) + ["*.ipynb"]
    source_dir = course.folder(course.coursedir.source_directory, ".", assignment)
    keep = set(course.config.get("Autograde", {}).get("exclude_overwriting", {}).get(assignment, []))
    for folder, skip in ((submitted, set()), (source_dir, keep)):
        if os.path.islink(folder):
            continue
        for filename in find_all_files(folder, ignore):
            relative = os.path.relpath(filename, folder)
            if relative in skip or relative.split(os.sep)[0].startswith(".autograder-"):
                continue
            if _through_link(folder, relative):   # never follow a link out of the student's folder
                continue
            target = os.path.join(dest, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.lexists(target):
                os.remove(target)            # autograded files are read-only, as nbgrader leaves them
            shutil.copyfile(filename, target)
            os.chmod(target, course.permissions)
    # notebooks no longer submitted must not stay visible with old results
    for name in sources:
        stale = os.path.join(dest, f"{name}.ipynb")
        if name not in graded and os.path.exists(stale):
            os.remove(stale)


def _through_link(folder, relative):
    """Whether ``folder/relative`` or any folder on the way to it is a symbolic link."""
    path = folder
    for part in relative.split(os.sep):
        path = os.path.join(path, part)
        if os.path.islink(path):
            return True
    return False


# ---------------------------------------------------------------------------
# The command.
def run(assignment, course=None, student="*", jobs=1, limits=None, out=None, write=write_submission,
        summary=None):
    """Grade every matching submission of ``assignment`` and fill the gradebook.

    Returns ``{"graded": [...], "failed": [...], "results": {student: [SubmissionResult]}}``.
    ``write`` records one submission (tests replace it to simulate a crash). Submissions
    are recorded one by one as they finish; an interruption stops at once and keeps them.
    """
    out = out or sys.stdout
    course = course if isinstance(course, Course) else Course(course)
    try:
        registry = harness.load(assignment)
    except KeyError as exc:
        raise CourseError(str(exc).strip("'\"")) from None
    sources = ensure_assignment(course, assignment)
    for warning in check_points(course, assignment, registry):
        print(f"warning: {warning}", file=sys.stderr)
    students = course.students(assignment, student)
    if not students:
        pattern = course.folder(course.coursedir.submitted_directory, student, assignment)
        raise CourseError(f"no submissions match {pattern}")

    items, pending, graded_nbs = [], {}, {}
    for sid, folder in students.items():
        graded_nbs[sid] = {}
        found = submitted_notebooks(course, assignment, sid, folder, sources)
        items += found
        pending[sid] = len(found)

    summary = summary if summary is not None else {}
    summary.update({"graded": [], "failed": [], "results": {}})

    def record(sid):
        record_results(summary, sid, graded_nbs[sid], write=write, course=course, assignment=assignment,
                       sources=sources, max_score=registry.max_score, out=out)

    for sid in students:                       # nothing to grade: record zeros now
        if pending[sid] == 0:
            record(sid)
    if not items:
        return summary
    hide = {str(notebooks.course_root()), course.root}
    db_path = _sqlite_path(course.db_url)
    if db_path and os.path.dirname(db_path) not in ("", "/"):
        hide.add(os.path.dirname(db_path))
    stream = engine.grade(items, limits or engine.Limits(), jobs=jobs, hide=sorted(hide))
    try:
        for index, result in stream:
            sid, name = items[index].student, items[index].path.stem
            graded_nbs[sid][name] = (str(items[index].path), result)
            pending[sid] -= 1
            if pending[sid] == 0:
                record(sid)
    finally:
        stream.close()                        # Ctrl-C: submissions not started are cancelled
    return summary


def submitted_notebooks(course, assignment, student, folder, sources):
    """The notebooks of one student's folder that are graded, as SubmissionFile items.

    The rule ``grade`` follows too: the notebooks named like the assignment's notebooks;
    others are skipped with a warning. Symbolic links (the student's folder, or a notebook)
    are never followed: such a notebook is not gradable and scores 0 with the reason.
    """
    items = []
    link = next((p for p in (os.path.dirname(folder), folder) if os.path.islink(p)), None)
    for path in sorted(glob.glob(os.path.join(glob.escape(folder), "*.ipynb"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if name not in sources:
            wanted = ", ".join(f"{n}.ipynb" for n in sources)
            print(f"warning: {student}: skipping {os.path.basename(path)}, not a notebook of {assignment} "
                  f"(graded: {wanted})", file=sys.stderr)
            continue
        problem = None
        if link or os.path.islink(path):
            problem = f"{link or path} {notebooks.SYMLINK}"
            print(f"warning: {student}: {problem}", file=sys.stderr)
        items.append(notebooks.SubmissionFile(pathlib.Path(path), assignment, student, problem=problem))
    return items


def record_results(summary, sid, graded, *, write, course, assignment, sources, max_score, out):
    """Record one student's engine results (``{notebook name: (path, result)}``) with ``write``.

    A submission the grader failed to grade is not written: the gradebook keeps what it had.
    """
    results = [r for _, r in graded.values()]
    summary["results"][sid] = results
    broken = [r for r in results if r.outcome == "grader_failed"]
    if broken:  # a grade already in the gradebook is worth more than a zero the grader made up
        summary["failed"].append(sid)
        print(f"error: {sid}: not graded, the gradebook keeps what it had: "
              f"{broken[0].errors[0].splitlines()[0]}", file=sys.stderr)
        return
    try:
        totals = write(course, assignment, sid, graded, sources)
    except Exception as exc:  # noqa: BLE001 - one student's failure must not stop the others
        summary["failed"].append(sid)
        print(f"error: {sid}: could not record the submission: {type(exc).__name__}: {exc}", file=sys.stderr)
        return
    summary["graded"].append(sid)
    score, max_score = totals or (sum(r.score for r in results), max_score)
    failing = sum(t.status != "passed" for r in results for t in r.tests)
    print(f"{sid}: {score:g} / {max_score:g}" + (f" ({failing} tests not passed)" if failing else "")
          + ("" if results else " (no notebook submitted)"), file=out or sys.stdout, flush=True)
    for r in results:
        for note in r.notes:
            print(f"  note: {note.splitlines()[0]}", file=sys.stderr)


def _sqlite_path(db_url):
    if db_url.startswith("sqlite:///"):
        return os.path.abspath(db_url[len("sqlite:///"):])
    return None


def main(args, limits):
    """Entry point of ``python -m autograder nbgrader`` (``limits``: the engine's, from the command line)."""
    start = datetime.datetime.now()
    summary = {}
    try:
        run(args.assignment, course=args.course, student=args.student, jobs=args.jobs,
            limits=limits, summary=summary)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interrupted: {len(summary.get('graded', []))} submissions were recorded and stay in the "
              "gradebook; run the command again to grade the rest", file=sys.stderr)
        return 130
    seconds = (datetime.datetime.now() - start).total_seconds()
    print(f"{len(summary['graded'])} submissions recorded in the gradebook in {seconds:.0f} s"
          + (f"; {len(summary['failed'])} failed: {', '.join(summary['failed'])}" if summary["failed"] else ""))
    return 1 if summary["failed"] else 0
