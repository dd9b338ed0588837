"""The course as a web book, read the way a self-learner reads it.

Builds the book with the one command the Pages workflow runs (``python book/build.py --out
DIR``, into a temporary folder), serves it on loopback and opens every page in headless
Chromium (Debian's chromium and chromium-driver, as in test_browser.py): no console error,
every equation typeset by MathJax, every image loaded, every audio player's sound decoded,
every internal link and anchor resolving. Also checks that nothing of the grader reaches the
book and that each exercise notebook imports only what Google Colab has.
"""
import ast
import functools
import html.parser
import http.server
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
REPO = "example-owner/example-course"  # what GitHub Actions puts in GITHUB_REPOSITORY
BOOK_TOOLS = {"jupyter_book": "jupyter-book", "myst_nb": "myst-nb", "sphinx_book_theme": "sphinx-book-theme",
              "sphinx-mathjax-offline": "sphinx-mathjax-offline"}
# What a release notebook may import on Google Colab, besides the standard library.
# scipy too: Colab ships it, and 06's AllPoleFilter may run scipy.signal.lfilter (the contract allows it).
COLAB_PACKAGES = {"torch", "numpy", "scipy", "matplotlib", "IPython", "tqdm"}

pytestmark = pytest.mark.xdist_group("book")  # one worker builds the book once for every test here


def _units():
    return sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb") if re.match(r"\d\d_", p.stem))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The built book: the html folder."""
    missing = [package for module, package in BOOK_TOOLS.items() if importlib.util.find_spec(module) is None]
    if missing:
        pytest.fail("the book tools are not installed in this environment (missing: " + ", ".join(missing) +
                    "); they are pinned in requirements.txt: `pip install -r requirements.txt`")
    out = tmp_path_factory.mktemp("book")
    env = dict(os.environ, GITHUB_REPOSITORY=REPO, PYTHONHASHSEED="0")
    started = time.time()
    result = subprocess.run([sys.executable, "book/build.py", "--out", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (f"`python book/build.py --out DIR` failed (exit {result.returncode}):\n"
                                    + result.stdout[-4000:] + "\n" + result.stderr[-4000:])
    print(f"book built in {time.time() - started:.0f} s")
    return out / "_build" / "html"


def _pages(html):
    """Every page of the book (not the theme's templates, sources or downloads)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if p.relative_to(html).parts[0] not in ("_static", "_sources", "_downloads", "_images"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser left a page mid-download
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site(book):
    """The book served over HTTP on loopback, as GitHub Pages serves it; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(book)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    assert os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER), \
        "Debian's chromium and chromium-driver are needed (tests/run installs them)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


# Runs in the page once it has loaded: waits for MathJax's first typeset, then for every image
# and every audio element (each asked to load its source now), and reports what it found.
_INSPECT = r"""
const done = arguments[arguments.length - 1];
const settle = (promise, ms) => Promise.race([promise, new Promise(r => setTimeout(r, ms))]);
(async () => {
  let mathjax = 'absent';
  for (let i = 0; i < 100 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
    await new Promise(r => setTimeout(r, 100));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    mathjax = await settle(MathJax.startup.promise.then(() => 'ok', e => 'error: ' + e), 30000) || 'timeout';
  }
  const maths = [...document.querySelectorAll('.math')];
  const untypeset = maths.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 80));
  const texErrors = [...document.querySelectorAll('mjx-merror, .MathJax_Error')].map(e => e.textContent.slice(0, 80));
  const images = await Promise.all([...document.images].map(img => {
    img.loading = 'eager';
    return settle(img.decode().catch(() => null), 15000).then(() => ({
      src: (img.currentSrc || img.src).slice(0, 120), ok: img.complete && img.naturalWidth > 0}));
  }));
  const audios = await Promise.all([...document.querySelectorAll('audio')].map((audio, index) =>
    settle(new Promise(resolve => {
      const report = () => resolve(null);
      if (audio.readyState >= 1) return report();
      audio.addEventListener('loadedmetadata', report, {once: true});
      audio.addEventListener('error', report, {once: true});
      audio.querySelectorAll('source').forEach(s => s.addEventListener('error', report, {once: true}));
      audio.preload = 'metadata';
      audio.load();
    }), 15000).then(() => ({index, duration: audio.duration, error: audio.error ? audio.error.code : null,
                            src: (audio.currentSrc || '').slice(0, 40)}))));
  // TeX left as text outside code: an equation MathJax never saw.
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  const rawTex = [];
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement.closest('pre, code, mjx-container, script, style, .math')) continue;
    const m = node.textContent.match(/\$\$|\\(frac|sum|left|mathrm|text|partial)\b|\$[^$\s][^$]*\$/);
    if (m) rawTex.push(node.textContent.trim().slice(0, 80));
  }
  done({mathjax, maths: maths.length, untypeset, texErrors, images, audios, rawTex,
        title: document.title});
})().catch(e => done({fatal: String(e)}));
"""


def _expected_outputs(slug):
    """Figures, audio players and whether there is math in the solution notebook of a unit."""
    notebook = json.loads((ROOT / "solutions" / f"{slug}.ipynb").read_text(encoding="utf-8"))
    counts = {"figures": 0, "audio": 0, "math": False}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            counts["math"] |= "$" in "".join(cell["source"])
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            counts["figures"] += any(m in data for m in ("image/png", "image/jpeg", "image/svg+xml"))
            counts["audio"] += "<audio" in "".join(data.get("text/html", ""))
    return counts


def _console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_every_page_renders_in_chromium(book, site, browser):
    problems, seen = [], {}
    units = _units()
    for page in _pages(book):
        browser.get(site + page)
        report = browser.execute_async_script(_INSPECT)
        seen[page] = report
        where = f"{page}:"
        if "fatal" in report:
            problems.append(f"{where} the page script failed: {report['fatal']}")
            continue
        for entry in _console_errors(browser):
            problems.append(f"{where} console error: {entry['message'][:300]}")
        if report["maths"] and report["mathjax"] != "ok":
            problems.append(f"{where} {report['maths']} equations but MathJax did not finish ({report['mathjax']})")
        if report["untypeset"]:
            problems.append(f"{where} equations MathJax did not typeset: {report['untypeset'][:3]}")
        if report["texErrors"]:
            problems.append(f"{where} TeX errors: {report['texErrors'][:3]}")
        if report["rawTex"]:
            problems.append(f"{where} TeX shown as text (not typeset): {report['rawTex'][:3]}")
        for image in report["images"]:
            if not image["ok"]:
                problems.append(f"{where} image does not load: {image['src']}")
        for audio in report["audios"]:
            if audio["error"] is not None or not (audio["duration"] or 0) > 0:
                problems.append(f"{where} audio player {audio['index']} does not decode its sound "
                                f"(duration {audio['duration']}, media error {audio['error']}, src {audio['src']}...)")
    assert not problems, "the book does not render as it should:\n" + "\n".join(problems)
    # What every unit page must show, counted in its solution notebook, so that a page that
    # renders nothing (or drops outputs) cannot pass.
    for slug in units:
        report = seen.get(f"units/{slug}.html")
        assert report is not None, f"no page units/{slug}.html in the book"
        expected = _expected_outputs(slug)
        assert report["maths"] >= (1 if expected["math"] else 0), f"units/{slug}.html shows no equation"
        assert len(report["images"]) >= expected["figures"], \
            f"units/{slug}.html shows {len(report['images'])} images; its notebook has {expected['figures']} figures"
        assert len(report["audios"]) == expected["audio"], \
            f"units/{slug}.html has {len(report['audios'])} audio players; its notebook has {expected['audio']}"
    assert "index.html" in seen, f"no front page among {sorted(seen)}"


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "img", "script", "source", "audio", "iframe"):
                self.links.append((tag, attrs[name]))


def _parse(path):
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_broken_internal_links(book, site):
    pages, broken, fetched = {page: _parse(book / page) for page in _pages(book)}, [], {}
    for page, parsed in pages.items():
        for tag, link in parsed.links:
            url = urllib.parse.urljoin(site + page, link)
            if not url.startswith(site):
                continue  # external (GitHub, Colab) or a data: URI
            target, _, anchor = url.partition("#")
            if target not in fetched:
                try:
                    with urllib.request.urlopen(target, timeout=10) as response:
                        fetched[target] = response.status
                except urllib.error.HTTPError as error:
                    fetched[target] = error.code
            if fetched[target] != 200:
                broken.append(f"{page}: <{tag}> {link} -> HTTP {fetched[target]}")
                continue
            if anchor:
                path = urllib.parse.unquote(urllib.parse.urlparse(target).path).lstrip("/") or "index.html"
                if path.endswith("/"):
                    path += "index.html"
                ids = pages[path].ids if path in pages else (
                    _parse(book / path).ids if path.endswith(".html") else set())
                if urllib.parse.unquote(anchor) not in ids:
                    broken.append(f"{page}: <{tag}> {link} -> no element with id {anchor!r} in {path}")
    assert not broken, "broken internal links:\n" + "\n".join(sorted(set(broken)))
    assert len(fetched) > len(pages), "the link check found almost no internal link: is the book empty?"


def test_front_page_shows_the_learning_path_and_exercise_links(book):
    front = (book / "index.html").read_text(encoding="utf-8")
    parsed = _parse(book / "index.html")
    hrefs = [link for tag, link in parsed.links if tag == "a"]
    positions = []
    for slug in _units():
        solution = json.loads((ROOT / "solutions" / f"{slug}.ipynb").read_text(encoding="utf-8"))
        title = re.search(r"^#\s+(.+)$", "".join(solution["cells"][0]["source"]), re.M).group(1).strip()
        assert f"units/{slug}.html" in hrefs, f"the front page does not link unit {slug}"
        positions.append(hrefs.index(f"units/{slug}.html"))
        assert title.split(":")[0].replace("&", "&amp;") in front, f"the front page lacks the title of {slug}"
        assert any(re.search(rf"_downloads/[0-9a-f]+/{slug}\.ipynb$", h) for h in hrefs), \
            f"the front page does not offer the exercise notebook of {slug} for download"
        colab = f"https://colab.research.google.com/github/{REPO}/blob/main/release/{slug}/{slug}.ipynb"
        assert colab in hrefs, f"the front page lacks the Colab link {colab}"
        unit_hrefs = [link for tag, link in _parse(book / "units" / f"{slug}.html").links if tag == "a"]
        assert colab in unit_hrefs and any(h.endswith(f"/{slug}.ipynb") and "_downloads" in h for h in unit_hrefs), \
            f"units/{slug}.html does not link its exercise notebook (download and Colab)"
        download = next(h for h in hrefs if re.search(rf"_downloads/[0-9a-f]+/{slug}\.ipynb$", h))
        assert (book / download).read_bytes() == (ROOT / "release" / slug / f"{slug}.ipynb").read_bytes(), \
            f"the downloadable exercise notebook of {slug} is not release/{slug}/{slug}.ipynb"
    assert positions == sorted(positions), "the front page does not list the units in course order"
    assert front.count("After this unit you can") == len(_units()), \
        "every unit on the front page should list its learning objectives"


def test_nothing_of_the_grader_reaches_the_book(book):
    """The exercise downloads are the release notebooks (their hidden-test cells are empty
    placeholders by design); every page and page source must hold none of them."""
    names = set()
    for hidden in (ROOT / "autograder" / "assignments").glob("*/hidden_tests.py"):
        names |= set(re.findall(r"^def (test_\w+)", hidden.read_text(encoding="utf-8"), re.M))
    assert names, "found no hidden test to look for"
    needle = re.compile(r"BEGIN HIDDEN TESTS|# Hidden test \(|\b(from|import)\s+autograder\b|autograder\.|"
                        r"\bgrade_id\b|\b(" + "|".join(sorted(names)) + r")\b")
    leaks = []
    for path in sorted(book.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".ipynb", ".txt", ".js", ".md") \
                or "_downloads" in path.parts or path.relative_to(book).parts[0] == "_static":
            continue
        for match in needle.finditer(path.read_text(encoding="utf-8", errors="replace")):
            leaks.append(f"{path.relative_to(book)}: {match.group(0)!r}")
    assert not leaks, "the book shows what belongs to the grader:\n" + "\n".join(leaks[:20])


def test_release_notebooks_import_only_what_colab_has():
    allowed = COLAB_PACKAGES | set(sys.stdlib_module_names)
    notebooks = sorted(ROOT.glob("release/*/*.ipynb"))
    assert notebooks, "no release notebooks"
    wrong = []
    for notebook in notebooks:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
            try:
                tree = ast.parse("\n".join(lines))
            except SyntaxError as error:
                wrong.append(f"{notebook.name}: a code cell does not parse ({error})")
                continue
            for node in ast.walk(tree):
                modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                           [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
                for module in modules:
                    if module.split(".")[0] not in allowed:
                        wrong.append(f"{notebook.relative_to(ROOT)}: imports {module}")
            if re.search(r"^\s*[%!]\s*pip\b", source, re.M):
                wrong.append(f"{notebook.relative_to(ROOT)}: installs packages")
    assert not wrong, ("a release notebook must run on Google Colab as is, importing only "
                       f"{sorted(COLAB_PACKAGES)} and the standard library:\n" + "\n".join(wrong))


def test_pages_workflow_runs_the_tested_build_command():
    workflow = (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    runs = re.findall(r"^\s*run:\s*(.+)$", workflow, re.M)
    assert any(re.fullmatch(r"python book/build\.py --out \S+", run.strip()) for run in runs), \
        f"the Pages workflow should build with `python book/build.py --out DIR`, as this test does; it runs {runs}"
    assert "actions/upload-pages-artifact" in workflow and "actions/deploy-pages" in workflow
    out = next(run.split("--out", 1)[1].strip().strip('"') for run in runs if "book/build.py" in run)
    path = re.search(r"upload-pages-artifact@\S+\s+with:\s+path:\s*(.+)$", workflow, re.M).group(1).strip()
    assert path.replace("${{ runner.temp }}", "$RUNNER_TEMP") == f"{out}/_build/html", \
        f"the workflow uploads {path}, not the built book {out}/_build/html"
