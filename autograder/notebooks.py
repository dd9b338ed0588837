"""Reading submissions: notebooks, their code cells, nbgrader trees."""
import dataclasses
import json
import os
import pathlib
import re

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


@dataclasses.dataclass
class SubmissionFile:
    path: pathlib.Path
    assignment: str
    student: str = None


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
    parts = pathlib.Path(path).resolve().parts
    for i in range(len(parts) - 3, -1, -1):
        if parts[i] in ("submitted", "autograded") and i + 3 < len(parts):
            return parts[i + 1]
    return None


def find_submissions(paths, known, assignment=None):
    """Expand files and folders into :class:`SubmissionFile` items; unknown ones raise."""
    found = []
    for given in paths:
        given = pathlib.Path(given)
        if given.is_dir():
            files = sorted(p for p in given.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif given.is_file():
            files = [given]
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")
        for path in files:
            name = assignment or infer_assignment(path, known)
            if name is None:
                raise ValueError(f"cannot tell which assignment {path} is; pass --assignment")
            found.append(SubmissionFile(path, name, nbgrader_student(path)))
    return found


def course_root(start=None):
    """The folder holding ``nbgrader_config.py`` and ``autograder/`` above ``start``."""
    here = pathlib.Path(start or os.path.dirname(os.path.abspath(__file__))).resolve()
    for folder in [here, *here.parents]:
        if (folder / "autograder").is_dir() and (folder / "nbgrader_config.py").exists():
            return folder
    return pathlib.Path(__file__).resolve().parent.parent
