"""Build the course as a static HTML book: ``python book/build.py [--out DIR]``.

The book is made of the executed worked solutions (``solutions/NN_slug.ipynb``), shown with
the outputs they already hold: nothing is executed here. The steps:

1. every solution notebook is copied into ``DIR/_generated/units/`` without what does not
   belong in a book: the hidden-test cells (nbgrader grade cells: only a placeholder in a
   release, but never shown), nbgrader metadata, and progress-bar widgets (tqdm) whose state
   was not saved; a box under the title links the unit's exercise notebook;
2. the exercise notebooks (``release/NN_slug/NN_slug.ipynb``) are copied beside them so that
   every unit page and the front page offer them for download;
3. the front page (``book/index.md`` with the learning path generated from each unit's title,
   first paragraph and learning objectives) and the table of contents are written, so a new
   unit appears as soon as its solution notebook exists;
4. the generated sources are checked to hold nothing of the grader (no hidden test, no
   ``autograder`` import) and Jupyter Book builds them into ``DIR/_build/html``.

DIR defaults to ``book/`` (so the book lands in ``book/_build/html``). When the GitHub
repository is known (``--repo OWNER/NAME``, else the ``GITHUB_REPOSITORY`` variable that
GitHub Actions sets, else a github.com ``origin`` remote) every exercise notebook also gets an
"open in Colab" link and the book a link to the repository.
"""
import argparse
import copy
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

BOOK = pathlib.Path(__file__).resolve().parent
ROOT = BOOK.parent
BRANCH = "main"
TOOLS = {"jupyter_book": "jupyter-book", "myst_nb": "myst-nb", "sphinx_book_theme": "sphinx-book-theme",
         "sphinx-mathjax-offline": "sphinx-mathjax-offline", "yaml": "PyYAML"}
UNIT_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+$")
# What must never reach the book: hidden tests (or their placeholders) and the grader.
FORBIDDEN = [
    (re.compile(r"BEGIN HIDDEN TESTS|END HIDDEN TESTS"), "an nbgrader hidden-test block"),
    (re.compile(r"^# Hidden test \(", re.M), "a hidden-test cell"),
    (re.compile(r"^\s*(from|import)\s+autograder\b", re.M), "an import of the grader"),
]
MARKER = "<!-- UNITS -->"


class BookError(Exception):
    pass


def missing_tools():
    """The book tools (pinned in requirements.txt) that this Python cannot import."""
    return [package for module, package in TOOLS.items() if importlib.util.find_spec(module) is None]


def github_repository(explicit=None):
    """owner/name of the course's GitHub repository, or None when it is not known."""
    if explicit:
        return explicit
    if os.environ.get("GITHUB_REPOSITORY"):
        return os.environ["GITHUB_REPOSITORY"]
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"github\.com[:/]([^/]+/[^/]+?)(\.git)?/?$", url)
    return match.group(1) if match else None


def colab_url(repo, slug):
    return f"https://colab.research.google.com/github/{repo}/blob/{BRANCH}/release/{slug}/{slug}.ipynb"


def units():
    """(slug, solution path, exercise path) of every unit, in course order."""
    found = []
    for solution in sorted((ROOT / "solutions").glob("*.ipynb")):
        slug = solution.stem
        if not UNIT_NAME.match(slug):
            continue
        exercise = ROOT / "release" / slug / f"{slug}.ipynb"
        if not exercise.exists():
            raise BookError(f"{solution.relative_to(ROOT)} has no exercise notebook {exercise.relative_to(ROOT)}: "
                            "run `python -m autograder build`")
        found.append((slug, solution, exercise))
    if not found:
        raise BookError("no solutions/NN_slug.ipynb: run `python -m autograder build` first")
    return found


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def describe(notebook, slug):
    """Title, first paragraph and learning objectives (markdown) from a unit's opening cells."""
    opening = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            break
        opening.append(_source(cell))
    lines = "\n\n".join(opening).splitlines()
    titles = [i for i, line in enumerate(lines) if re.match(r"#\s+\S", line)]
    if not titles:
        raise BookError(f"{slug}: the first cell has no '# title' line")
    title = lines[titles[0]][1:].strip()
    summary, i = [], titles[0] + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("#"):
        summary.append(lines[i].strip())
        i += 1
    summary = [" ".join(summary)]
    if summary[0].endswith(":"):  # "... this notebook is about them:" and the list that follows
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i < len(lines) and re.match(r"\s*(\d+\.|[-*])\s", lines[i]):
            summary.append("")
            while i < len(lines) and lines[i].strip():
                summary.append(lines[i].rstrip())
                i += 1
    objectives = []
    start = next((k for k, line in enumerate(lines) if "learning objectives" in line.lower()), None)
    if start is not None:
        k = start + 1
        while k < len(lines) and not re.match(r"\s*(\d+\.|[-*])\s", lines[k]):
            k += 1
        while k < len(lines):
            line = lines[k]
            if re.match(r"\s*(\d+\.|[-*])\s", line) or (line.startswith(" ") and line.strip()):
                objectives.append(line.rstrip())
            elif line.strip() and not line.startswith(" "):
                break
            k += 1
        while objectives and not objectives[-1].strip():
            objectives.pop()
    return title, "\n".join(summary), "\n".join(objectives)


def exercise_links(slug, repo, from_units):
    prefix = "../exercises" if from_units else "exercises"
    links = [f"{{download}}`download {slug}.ipynb <{prefix}/{slug}.ipynb>` (open it in JupyterLab)"]
    if repo:
        links.append(f"[open it in Google Colab]({colab_url(repo, slug)})")
    return " or ".join(links)


def book_notebook(notebook, slug, repo):
    """The solution notebook as the book shows it (a copy; the original is not touched)."""
    notebook = copy.deepcopy(notebook)
    cells = []
    for cell in notebook["cells"]:
        nbgrader = cell.get("metadata", {}).pop("nbgrader", None) or {}
        if nbgrader.get("grade") and not nbgrader.get("solution"):
            continue  # a hidden-test cell: what the grader checks is not part of the book
        if cell["cell_type"] == "code":
            cell["outputs"] = [output for output in cell.get("outputs", [])
                               if "application/vnd.jupyter.widget-view+json" not in output.get("data", {})]
        cells.append(cell)
    notebook["cells"] = cells
    notebook["metadata"].pop("widgets", None)
    first = cells[0]
    lines = _source(first).split("\n")
    title_at = next(i for i, line in enumerate(lines) if re.match(r"#\s+\S", line))
    box = ["", ":::{admonition} Do this unit yourself", ":class: tip",
           "This page is the worked solution, executed. The exercise notebook is the same text with the "
           "answers left for you and a visible check after each exercise: "
           f"{exercise_links(slug, repo, from_units=True)}.", ":::", ""]
    first["source"] = "\n".join(lines[:title_at + 1] + box + lines[title_at + 1:])
    return notebook


def check_clean(path):
    """Fail when a generated source carries a hidden test, a grade cell or the grader."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        notebook = json.loads(text)
        for cell in notebook["cells"]:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
                raise BookError(f"{path.name}: a graded nbgrader cell would be in the book")
        text = "\n".join(_source(cell) for cell in notebook["cells"])
    for pattern, what in FORBIDDEN:
        if pattern.search(text):
            raise BookError(f"{path.name}: {what} would be in the book ({pattern.pattern!r})")


def generate(source_dir, repo):
    """Write the book's sources into source_dir; returns the unit slugs."""
    import yaml

    if source_dir.exists():
        shutil.rmtree(source_dir)
    (source_dir / "units").mkdir(parents=True)
    (source_dir / "exercises").mkdir()
    shutil.copytree(BOOK / "_static", source_dir / "_static")
    path_list = []
    for slug, solution, exercise in units():
        notebook = json.loads(solution.read_text(encoding="utf-8"))
        title, summary, objectives = describe(notebook, slug)
        (source_dir / "units" / f"{slug}.ipynb").write_text(
            json.dumps(book_notebook(notebook, slug, repo), indent=1, ensure_ascii=False), encoding="utf-8")
        shutil.copy(exercise, source_dir / "exercises" / f"{slug}.ipynb")
        entry = [f"### {{doc}}`{title} <units/{slug}>`", "", summary, ""]
        if objectives:
            entry += ["After this unit you can", "", objectives, ""]
        entry += [f"Exercise notebook: {exercise_links(slug, repo, from_units=False)}.", ""]
        path_list.append("\n".join(entry))
    front = (BOOK / "index.md").read_text(encoding="utf-8")
    if MARKER not in front:
        raise BookError(f"book/index.md lacks the line {MARKER} where the learning path goes")
    (source_dir / "index.md").write_text(front.replace(MARKER, "\n".join(path_list)), encoding="utf-8")
    slugs = [slug for slug, _, _ in units()]
    toc = {"format": "jb-book", "root": "index",
           "parts": [{"caption": "Units", "numbered": False,
                      "chapters": [{"file": f"units/{slug}"} for slug in slugs]}]}
    (source_dir / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    if repo:
        config["repository"] = {"url": f"https://github.com/{repo}", "branch": BRANCH, "path_to_book": "book"}
        config.setdefault("html", {})["use_repository_button"] = True
    (source_dir / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for path in sorted(source_dir.rglob("*")):
        if path.suffix in (".ipynb", ".md") and path.parent.name != "exercises":
            check_clean(path)
    return slugs


def build(out, repo=None):
    """Generate the sources and build the HTML book; returns the html folder."""
    missing = missing_tools()
    if missing:
        raise BookError("the book tools are not installed (missing: " + ", ".join(missing) +
                        "): `pip install -r requirements.txt`")
    out = pathlib.Path(out).resolve()
    source_dir = out / "_generated"
    slugs = generate(source_dir, repo)
    html = out / "_build" / "html"
    if (out / "_build").exists():
        shutil.rmtree(out / "_build")  # a fresh build each time: -W sees every page's warnings
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(source_dir),
               "--path-output", str(out), "--builder", "html", "-W", "--keep-going"]
    if subprocess.run(command, cwd=source_dir).returncode != 0:
        raise BookError("jupyter-book build failed (its log is above; -W makes every Sphinx warning an error)")
    if not (html / "index.html").exists():
        raise BookError(f"jupyter-book wrote no {html / 'index.html'}")
    return html, slugs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(BOOK), help="folder for _generated/ and _build/html (default: book/)")
    parser.add_argument("--repo", default=None, help="OWNER/NAME on GitHub, for the Colab and repository links")
    args = parser.parse_args(argv)
    started = time.time()
    repo = github_repository(args.repo)
    try:
        html, slugs = build(args.out, repo)
    except BookError as error:
        print(f"book: {error}", file=sys.stderr)
        return 1
    print(f"book: {len(slugs)} units ({', '.join(slugs)}) in {html} after {time.time() - started:.0f} s"
          + ("" if repo else "; no GitHub repository known, so no Colab links"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
