"""A real student session: JupyterLab on loopback, a release notebook in headless Chromium.

Needs Debian's chromium and chromium-driver (``tests/run`` installs them when
missing); Selenium is pointed at them, so no browser is downloaded.
"""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TOKEN = "ddsp-course-browser-test"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_release():
    notebooks = sorted(ROOT.glob("release/*/*.ipynb"))
    assert notebooks, "no release notebooks: run `python -m autograder build`"
    return notebooks[0]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of one release notebook; yields (base url, notebook name)."""
    work = tmp_path_factory.mktemp("lab")
    notebook = _first_release()
    shutil.copy(notebook, work / notebook.name)
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / ".runtime"), IPYTHONDIR=str(work / ".ipython"))
    env.pop("PYTHONPATH", None)  # a student's machine has no autograder on its path
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start: " + (work / "server.log").read_text()[-2000:])
    yield base, notebook.name
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


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
                 "--window-size=1400,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()


def _wait_for(driver, script, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def test_student_runs_release_notebook_and_sees_stub_messages(lab, browser):
    base, name = lab
    browser.get(f"{base}/lab/tree/{name}?token={TOKEN}&reset")
    _wait_for(browser, "return window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')",
              120, "the notebook to open")
    _wait_for(browser, "const k = document.querySelector('.jp-Notebook-ExecutionIndicator, "
                       ".jp-KernelStatus'); return window.jupyterapp.shell.currentWidget && "
                       "window.jupyterapp.shell.currentWidget.sessionContext && "
                       "window.jupyterapp.shell.currentWidget.sessionContext.session && "
                       "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel && "
                       "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
              180, "the kernel to start")
    # Cell by cell, as a student does: "Run All" stops at the first cell that raises, and
    # with stubs that is the first visible check.
    n_cells = browser.execute_script("return window.jupyterapp.shell.currentWidget.content.widgets.length")
    for index in range(n_cells):
        finished = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"window.jupyterapp.shell.currentWidget.content.activeCellIndex = {index};"
            "window.jupyterapp.commands.execute('notebook:run-cell').then(() => done(true), e => done(String(e)));")
        assert finished is True, f"cell {index} could not be run: {finished}"
    _wait_for(browser, "const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')]"
                       ".map(p => p.textContent); const k = window.jupyterapp.shell.currentWidget"
                       ".sessionContext.session.kernel; return k.status === 'idle' && "
                       "!prompts.some(t => t.includes('*'));",
              600, "all cells to finish")
    outputs = browser.execute_script(
        "return [...document.querySelectorAll('.jp-Cell')].map(c => ({"
        "source: c.querySelector('.jp-InputArea-editor') ? c.querySelector('.jp-InputArea-editor').textContent : '',"
        "output: c.querySelector('.jp-OutputArea') ? c.querySelector('.jp-OutputArea').textContent : ''}));")
    notebook = json.loads(pathlib.Path(_first_release()).read_text())
    checks = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id", "").endswith(
        "_visible_check")]
    assert checks, "the release notebook has no visible checks"
    stub_errors = [o for o in outputs if "NotImplementedError" in o["output"]]
    assert len(stub_errors) >= len(checks), (
        f"expected every visible check ({len(checks)}) to report NotImplementedError for the stub, "
        f"saw it in {len(stub_errors)} cell outputs")


def test_nbgrader_validate_and_assignment_list_are_installed(lab, browser):
    base, name = lab
    if "jupyterapp" not in (browser.execute_script("return Object.keys(window)") or []):
        browser.get(f"{base}/lab/tree/{name}?token={TOKEN}")
        _wait_for(browser, "return window.jupyterapp && document.querySelector('.jp-Notebook')", 120, "JupyterLab")
    plugins = browser.execute_script("return window.jupyterapp.listPlugins()")
    nbgrader = [p for p in plugins if "nbgrader" in p]
    assert any("validate" in p for p in nbgrader), f"no nbgrader validate plugin among {nbgrader}"
    assert any("assignment-list" in p or "assignment_list" in p for p in nbgrader), \
        f"no nbgrader assignment list plugin among {nbgrader}"
    _wait_for(browser, "return [...document.querySelectorAll('button, .jp-ToolbarButtonComponent')]"
                       ".some(b => /validate/i.test(b.textContent + (b.title || '')))",
              60, "the Validate button in the notebook toolbar")
