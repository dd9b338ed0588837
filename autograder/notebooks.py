"""Reading submissions: notebooks, their code cells, nbgrader trees."""
import dataclasses
import json
import os
import pathlib
import re

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


@dataclasses.dataclass
class SubmissionFile:
    """One notebook to grade. ``problem``: why it cannot be graded (it is reported, never run)."""
    path: pathlib.Path
    assignment: str
    student: str = None
    problem: str = None


def load(path):
    """The notebook at ``path`` as a dict (plain JSON, never executed)."""
    path = pathlib.Path(path)
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"{path} is larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB")
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError(f"{path} is not a notebook")
    return nb


MAX_SUBMISSION_FILE_BYTES = 64 * 1024 * 1024


def submission_files(notebook_path, names):
    """{name: bytes} of the files ``names`` beside a submitted notebook that exist there.

    Only regular files directly beside the notebook, never symbolic links, at most
    :data:`MAX_SUBMISSION_FILE_BYTES` each: a submission brings its own files, nothing else.
    """
    found = {}
    folder = pathlib.Path(notebook_path).parent
    for name in names:
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ValueError(f"{path} cannot be read ({exc.strerror}); it must be a regular file, "
                             "not a symbolic link") from None
        with os.fdopen(fd, "rb") as f:
            if not os.path.isfile(path) or os.fstat(f.fileno()).st_size > MAX_SUBMISSION_FILE_BYTES:
                raise ValueError(f"{path} must be a regular file of at most "
                                 f"{MAX_SUBMISSION_FILE_BYTES // 2**20} MiB")
            found[name] = f.read(MAX_SUBMISSION_FILE_BYTES + 1)
    return found


def source_of(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def is_test_cell(cell):
    """An nbgrader autograder-test cell (graded, not an answer): hidden tests live there."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def student_code_cells(nb):
    """Sources of the code cells a submission runs, in order, without test cells."""
    return [source_of(c) for c in nb["cells"]
            if c.get("cell_type") == "code" and not is_test_cell(c)]


def is_core_cell(cell, first):
    """The graded core of a notebook: its first code cell (the imports), answer cells, ``support`` cells."""
    meta = cell.get("metadata", {})
    return cell.get("cell_type") == "code" and not is_test_cell(cell) and (
        first or meta.get("nbgrader", {}).get("solution") or "support" in meta.get("tags", []))


def core_cells(nb):
    """The cells of :func:`is_core_cell`, in order (dicts as in the notebook)."""
    code = [c for c in nb["cells"] if c.get("cell_type") == "code" and not is_test_cell(c)]
    return [c for i, c in enumerate(code) if is_core_cell(c, i == 0)]


def source_notebook(assignment, root=None):
    """The instructor's notebook of an assignment: ``source/NN_slug/NN_slug.ipynb`` of the course,
    or, for an assignment folder kept outside it, ``<its folder>/source/NN_slug.ipynb``."""
    path = pathlib.Path(root or course_root()) / "source" / assignment / f"{assignment}.ipynb"
    if not path.exists():
        from autograder import assignments
        try:
            beside = assignments.folder(assignment) / "source" / f"{assignment}.ipynb"
        except KeyError:
            return path
        if beside.exists():
            return beside
    return path


def reference_core(assignment, root=None):
    """Sources of the source notebook's graded core: what defines the reference functions.

    Used to put a trusted implementation of a graded function in place of a student's
    failing one while its dependents are tested (never as an oracle).
    """
    return [source_of(c) for c in core_cells(load(source_notebook(assignment, root)))]


def instructor_sources(assignment, root=None):
    """Sources of the source notebook's instructor code cells: neither answer nor hidden-test
    cells. A submitted cell equal to one of them was not written by the student."""
    return [source_of(c) for c in load(source_notebook(assignment, root))["cells"]
            if c.get("cell_type") == "code" and not is_test_cell(c)
            and not c.get("metadata", {}).get("nbgrader", {}).get("solution")]


def infer_assignment(path, known):
    """The assignment a notebook belongs to, from its file or folder name."""
    path = pathlib.Path(path)
    for part in [path.stem, path.parent.name]:
        for name in sorted(known, key=len, reverse=True):
            if name in part:
                return name
        match = re.match(r"^(\d\d)_", part)
        if match:
            hits = [n for n in known if n.startswith(match.group(1) + "_")]
            if len(hits) == 1:
                return hits[0]
    return None


def nbgrader_student(path):
    """Student id when ``path`` is ``.../submitted/<student>/<assignment>/x.ipynb``."""
    parts = pathlib.Path(os.path.abspath(path)).parts   # never through a symbolic link
    for i in range(len(parts) - 3, -1, -1):
        if parts[i] in ("submitted", "autograded") and i + 3 < len(parts):
            return parts[i + 1]
    return None


class UsageError(ValueError):
    """The command was given something that cannot be a submission (a usage error, exit 2)."""


SYMLINK = ("is a symbolic link; a submission must be the student's own file (symbolic links "
           "are never followed)")


def notebook_names(assignment, root=None):
    """The notebook names of an assignment (its source notebooks' names; usually just itself).

    Both ``grade`` and ``nbgrader`` grade, in a student's folder, exactly the notebooks with
    these names, as nbgrader does; copies such as ``02_oscillator-Copy1.ipynb`` are skipped.
    """
    folder = source_notebook(assignment, root).parent
    names = sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    return names or [assignment]


def _walk(folder):
    """(notebooks, symbolic links) under ``folder``, never following a link."""
    found, links = [], []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != ".ipynb_checkpoints")
        for name in sorted(dirs + files):
            path = pathlib.Path(here) / name
            if path.is_symlink():
                links.append(path)
                if name in dirs:
                    dirs.remove(name)
            elif name in files and name.endswith(".ipynb"):
                found.append(path)
    return found, links


def find_submissions(paths, known, assignment=None, warn=None):
    """Expand files and folders into :class:`SubmissionFile` items.

    A file named on the command line is graded (``assignment`` or its name tells which
    assignment). In a folder, a notebook is graded when its name is a notebook of its
    assignment (inferred from its file or folder name); other notebooks are skipped with a
    warning (``warn(text)``). Symbolic links are never followed: a linked notebook becomes
    an item with a ``problem`` (reported as not gradable), a linked folder a warning.
    Raises :class:`UsageError` for a path that does not exist, a file whose assignment
    cannot be told, or when nothing at all was found.
    """
    warn = warn or (lambda text: None)
    found = []
    for given in map(pathlib.Path, paths):
        if not os.path.lexists(given):
            raise UsageError(f"no such file or folder: {given}")
        if given.is_symlink():
            name = assignment or infer_assignment(given, known)
            if name is None:
                raise UsageError(f"{given} {SYMLINK}")
            found.append(SubmissionFile(given, name, nbgrader_student(given), problem=f"{given} {SYMLINK}"))
            continue
        if given.is_file():
            name = assignment or infer_assignment(given, known)
            if name is None:
                raise UsageError(f"cannot tell which assignment {given} is; pass --assignment")
            found.append(SubmissionFile(given, name, nbgrader_student(given)))
            continue
        notebooks, links = _walk(given)
        for link in links:
            if link.suffix == ".ipynb" and (assignment or infer_assignment(link, known)):
                found.append(SubmissionFile(link, assignment or infer_assignment(link, known),
                                            nbgrader_student(link), problem=f"{link} {SYMLINK}"))
            else:
                warn(f"skipped {link}: a symbolic link (never followed)")
        for path in notebooks:
            name = assignment or infer_assignment(path, known)
            if name is None:
                warn(f"skipped {path}: cannot tell which assignment it is (pass --assignment)")
            elif path.stem not in notebook_names(name):
                wanted = ", ".join(f"{n}.ipynb" for n in notebook_names(name))
                warn(f"skipped {path}: not a notebook of {name} (graded: {wanted})")
            else:
                found.append(SubmissionFile(path, name, nbgrader_student(path)))
    if not found:
        raise UsageError(f"no notebooks to grade in {', '.join(map(str, paths))}")
    return found


def course_root(start=None):
    """The folder holding ``nbgrader_config.py`` and ``autograder/`` above ``start``."""
    here = pathlib.Path(start or os.path.dirname(os.path.abspath(__file__))).resolve()
    for folder in [here, *here.parents]:
        if (folder / "autograder").is_dir() and (folder / "nbgrader_config.py").exists():
            return folder
    return pathlib.Path(__file__).resolve().parent.parent
