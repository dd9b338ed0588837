"""Every assignment is one folder: ``autograder/assignments/NN_slug/``.

A folder holds everything the grader knows about its assignment::

    hidden_tests.py   A = harness.Assignment("NN_slug", ...): the registered tests
    worker.py         optional: LIBRARY = {name: factory}, callables tests pass to
                      student code with harness.Lib(name); imported by the fork
                      server, before any sandbox, so it must import nothing hidden
    mutants/          the bug zoo: <function>__<mistake>.py, each with CATCHES
    alternatives/     correct variants: <function>__<variant>.py, full marks

The folder name is the assignment's name, the same as ``source/NN_slug/NN_slug.ipynb``.
Adding an assignment is adding a source notebook and one folder: nothing here, in the
engine, the harness or the worker names an assignment. Extra folders of assignments
(fixtures, an instructor's private ones) can be listed in the environment variable
``AUTOGRADER_ASSIGNMENTS`` (os.pathsep-separated).
"""
import importlib
import importlib.util
import os
import pathlib
import re
import sys
import types

HERE = pathlib.Path(__file__).resolve().parent
NAME = re.compile(r"^\d\d_[a-z0-9_]+$")
HIDDEN_TESTS = "hidden_tests.py"
WORKER = "worker.py"
ENVIRONMENT = "AUTOGRADER_ASSIGNMENTS"


def roots():
    """Folders that hold assignment folders: this package's, then the environment's."""
    extra = [pathlib.Path(p).resolve() for p in os.environ.get(ENVIRONMENT, "").split(os.pathsep) if p]
    return [HERE, *extra]


def folders():
    """{name: folder} of every assignment; a name found in two roots is an error."""
    found = {}
    for root in roots():
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if NAME.match(folder.name) and (folder / HIDDEN_TESTS).is_file():
                if folder.name in found and found[folder.name] != folder:
                    raise RuntimeError(f"assignment {folder.name} is defined twice: {found[folder.name]} and {folder}")
                found[folder.name] = folder
    return found


def names():
    return sorted(folders())


def folder(name):
    """The folder of assignment ``name``; KeyError naming the known ones when there is none."""
    found = folders()
    if name not in found:
        known = ", ".join(sorted(found)) or "none"
        raise KeyError(f"unknown assignment {name!r}; known: {known}")
    return found[name]


def _package(name):
    """The assignment folder as a package ``autograder.assignments.<name>`` (names start with digits,
    so it is imported by location, never by an ``import`` statement)."""
    module_name = f"{__name__}.{name}"
    module = sys.modules.get(module_name)
    where = folder(name)
    if module is None or list(getattr(module, "__path__", [])) != [str(where)]:
        init = where / "__init__.py"
        if init.exists():
            spec = importlib.util.spec_from_file_location(module_name, init, submodule_search_locations=[str(where)])
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
        else:
            module = types.ModuleType(module_name, f"assignment {name}")
            module.__path__ = [str(where)]
            module.__package__ = module_name
            sys.modules[module_name] = module
    return module_name


def module(name, part):
    """Import ``<folder>/<part>.py`` of assignment ``name`` (e.g. part='hidden_tests')."""
    return importlib.import_module(f"{_package(name)}.{part}")


def load(name):
    """The :class:`~autograder.harness.Assignment` registry of assignment ``name``."""
    registry = module(name, "hidden_tests").A
    if registry.name != name:
        raise RuntimeError(f"{folder(name) / HIDDEN_TESTS} registers {registry.name!r}, not {name!r}")
    if not registry.reads_found:
        registry.reads_found = names_read_by_tests(folder(name) / HIDDEN_TESTS)
    return registry


def names_read_by_tests(path):
    """Notebook names a test module reads: string first arguments of ``call``, ``Ref``, ``New``,
    ``kind`` and ``require_kind`` (``require_kind(sub, name)``: its second)."""
    import ast
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        position = {"call": 0, "Ref": 0, "New": 0, "kind": 0, "require_kind": 1}.get(name)
        if position is not None and len(node.args) > position:
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str) and argument.value.isidentifier():
                found.add(argument.value)
    return found


def worker_library():
    """The union of every assignment's ``worker.py`` LIBRARY (helpers that run beside student code)."""
    library = {}
    for name, where in folders().items():
        if (where / WORKER).is_file():
            for key, factory in module(name, "worker").LIBRARY.items():
                if key in library:
                    raise RuntimeError(f"{name}/worker.py: LIBRARY entry {key!r} is defined by another assignment")
                library[key] = factory
    return library


def mutants_folder(name):
    return folder(name) / "mutants"


def alternatives_folder(name):
    return folder(name) / "alternatives"
