"""The command line as a new user meets it: one-line errors, the right exit statuses, no tracebacks.

Exit statuses: 0 every submission graded; 1 some submission could not be graded (its reason
printed and in the JSON); 2 usage error. None of these cases starts a worker.
"""
import json
import shutil

import pytest

from autograder import cli, notebooks

ROOT = notebooks.course_root()
RELEASE = ROOT / "release" / "02_oscillator" / "02_oscillator.ipynb"


def _run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    return status, out, err


def _one_line_usage_error(capsys, *argv):
    status, out, err = _run(capsys, *argv)
    assert status == 2, (status, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("argv", [
    ["grade", RELEASE, "--jobs", "0"],
    ["grade", RELEASE, "--jobs", "-3"],
    ["grade", RELEASE, "--cell-timeout", "0"],
    ["grade", RELEASE, "--memory-mb", "0"],
    ["grade", RELEASE, "--assignment", "99_nothing"],
    ["grade", "no/such/file.ipynb"],
    ["zoo", "nonexistent"],
    ["build", "nonexistent"],
    ["nbgrader", "nonexistent"],
    ["frobnicate"],
], ids=lambda argv: " ".join(map(str, argv[:1] + argv[2:])) if len(argv) > 2 else " ".join(map(str, argv)))
def test_a_usage_error_is_one_line_and_exit_status_two(capsys, argv):
    _one_line_usage_error(capsys, *argv)


def test_json_into_a_missing_folder_is_a_usage_error_before_any_grading(capsys, tmp_path):
    err = _one_line_usage_error(capsys, "grade", RELEASE, "--json", tmp_path / "missing" / "out.json")
    assert "does not exist" in err


def test_an_empty_folder_has_nothing_to_grade(capsys, tmp_path):
    err = _one_line_usage_error(capsys, "grade", tmp_path)
    assert "no notebooks" in err


def test_a_file_whose_assignment_cannot_be_told_is_a_usage_error(capsys, tmp_path):
    path = tmp_path / "homework.ipynb"
    shutil.copy(RELEASE, path)
    err = _one_line_usage_error(capsys, "grade", path)
    assert "--assignment" in err


@pytest.mark.parametrize("content,name", [
    ('{"cells": [', "02_oscillator.ipynb"),          # a truncated upload
    ("{}", "02_oscillator.ipynb"),                    # valid JSON, not a notebook
    ("# Read me\n", "README.md"),                    # not a notebook at all (with --assignment)
    ("\x00\xff\xfe", "02_oscillator.ipynb"),          # binary garbage
])
def test_an_unreadable_submission_is_reported_as_not_gradable_with_exit_status_one(capsys, tmp_path, content,
                                                                                   name):
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1"))
    status, out, err = _run(capsys, "grade", path, "--assignment", "02_oscillator", "--json", tmp_path / "r.json")
    assert status == 1, (out, err)
    assert "not gradable" in out and "could not be read" in out, out
    [result] = json.loads((tmp_path / "r.json").read_text())
    assert result["score"] == 0 and result["errors"] and "could not be read" in result["errors"][0]


def test_help_shows_defaults_and_exit_statuses(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.build_parser().parse_args(["grade", "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    assert "(default: 120.0)" in text and "(default: 4096)" in text and "(default: 1)" in text
    assert "exit status" in text and "2 usage error" in " ".join(text.split())


def test_grade_skips_copies_beside_the_submission_as_nbgrader_does(capsys, tmp_path):
    """In a student's folder only 02_oscillator.ipynb is the submission; -Copy1 is skipped, by name."""
    folder = tmp_path / "submitted" / "alice" / "02_oscillator"
    folder.mkdir(parents=True)
    shutil.copy(RELEASE, folder / "02_oscillator.ipynb")
    shutil.copy(RELEASE, folder / "02_oscillator-Copy1.ipynb")
    items = notebooks.find_submissions([tmp_path / "submitted"], ["02_oscillator"],
                                       warn=lambda text: print(text))
    assert [i.path.name for i in items] == ["02_oscillator.ipynb"] and items[0].student == "alice"
    assert "skipped" in capsys.readouterr().out
    assert notebooks.notebook_names("02_oscillator") == ["02_oscillator"]


def test_a_notebook_named_on_the_command_line_is_graded_whatever_its_name(tmp_path):
    path = tmp_path / "my_copy_of_02_oscillator.ipynb"
    shutil.copy(RELEASE, path)
    [item] = notebooks.find_submissions([path], ["02_oscillator"])
    assert item.assignment == "02_oscillator" and item.problem is None
