"""Which notebook cells can change a grade: the others need not run.

A submission is graded as after "Restart and Run All", but most of an assignment's time
goes into the instructor's demonstration cells (plots, audio, in-notebook fits), whose
results nothing graded ever reads. :func:`plan` finds the cells that may be skipped
without changing any grade. A cell is skipped only when all of these hold:

1. it is an instructor cell the student cannot have changed: its source equals a code cell
   of the source notebook that is neither an answer cell nor a hidden-test cell;
2. it parses as plain Python (no ``%`` magics or shell escapes), declares no ``global``,
   deletes nothing, and calls nothing with an effect the grader cannot see: seeds and
   other global configuration (``torch.manual_seed``, ``set_default_dtype``,
   ``set_grad_enabled``...), ``exec``/``eval``/``globals()``, file writes and reads,
   warnings filters, assignments into objects it cannot name (``type(self).n = ...``) or
   into library objects (monkeypatching), or a use of a function or class of the notebook
   that does such things or changes a module-level object (calling a method of a notebook
   class, ``AllPoleFilter.apply(x, a)``, does what that class does, no more);
3. no name it binds, and no object it may change (a method's receiver, an argument, a
   subscript or attribute target, a called object), is read by a cell that runs, by a
   function defined in one (globals its code and nested code refer to), or by the hidden
   tests; and when it may draw from or seed the global random generators, no cell that
   runs after it draws random numbers at module level;
4. the assignment does not force it to run (``Assignment(run_cells_containing=[...])``).

Anything this analysis cannot see through (a cell that does not parse, ``globals()``,
``eval``, a magic in a cell that runs) turns skipping off for the whole submission: when
in doubt, run it. The rules are static and conservative; ``--run-all`` runs every cell.
"""
import ast
import builtins
import dataclasses
import symtable
import threading

# Calls whose effect on the process outlives the cell, or that reach outside it.
EFFECTS = frozenset({
    "set_default_dtype", "set_default_tensor_type", "set_default_device", "set_grad_enabled",
    "set_num_threads", "set_num_interop_threads", "use_deterministic_algorithms", "set_flush_denormal",
    "set_anomaly_enabled",
    "setattr", "delattr", "exec", "eval", "compile", "__import__", "globals", "locals", "vars",
    "open", "chdir", "system", "popen", "putenv", "unsetenv", "filterwarnings", "simplefilter",
    "resetwarnings", "save", "savez", "savez_compressed", "savetxt", "tofile", "write", "write_text",
    "write_bytes", "mkdir", "makedirs", "remove", "unlink", "rmtree", "rename", "replace_", "load",
    "read_text", "read_bytes", "loadtxt", "fromfile", "setrecursionlimit", "settrace", "setprofile",
    "run_line_magic", "run_cell_magic", "getoutput", "get_ipython", "register_forward_hook",
    "register_forward_pre_hook", "register_full_backward_hook", "register_hook", "set_printoptions",
    "seterr", "use", "rc", "interactive", "ion", "ioff",
})
# Effects that only last for a with-block when used as its context manager.
SCOPED = frozenset({"set_grad_enabled", "set_anomaly_enabled", "set_default_dtype"})
# Calls that draw from (or reset) the global random generators.
RANDOM = frozenset({
    "rand", "randn", "randint", "rand_like", "randn_like", "randint_like", "randperm", "normal",
    "normal_", "uniform_", "random_", "bernoulli", "bernoulli_", "multinomial", "poisson", "random",
    "exponential_", "geometric_", "cauchy_", "log_normal_", "choice", "shuffle", "permutation",
    "uniform", "standard_normal", "integers", "dropout", "Dropout", "seed", "manual_seed",
    "get_rng_state", "set_rng_state", "initial_seed", "sample", "rsample", "gauss", "randrange",
})
# Names of modules whose functions are called without changing the module object.
MODULE_ATTRIBUTES = frozenset({"nn", "functional", "pyplot", "fft", "signal", "linalg", "display", "random",
                               "autograd", "optim", "special", "distributions", "testing", "utils"})
BUILTINS = frozenset(dir(builtins))
# Constructors of torch modules initialise their weights from the global random generator.
RANDOM_MODULES = ("nn",)


# CPython 3.11's compiler keeps its AST recursion depth in process-wide state: two threads
# parsing at once (the grader grades submissions in threads) can fail with "SystemError: AST
# constructor recursion depth mismatch". Parsing here is serialised.
_COMPILER = threading.Lock()


def _parse(source):
    with _COMPILER:
        return ast.parse(source)


class Unknown(Exception):
    """A cell the analysis cannot see through."""


@dataclasses.dataclass
class Statement:
    """One top-level statement of a cell: what it surely binds, may bind or change, and reads now."""
    binds: set
    maybe: set
    reads: set


@dataclasses.dataclass
class Cell:
    index: int
    source: str
    instructor: bool
    statements: list = dataclasses.field(default_factory=list)
    deferred: set = dataclasses.field(default_factory=set)    # globals its functions read when called
    binds: set = dataclasses.field(default_factory=set)       # module-level names it (re)binds
    writes: set = dataclasses.field(default_factory=set)      # module-level objects it may change
    stores: set = dataclasses.field(default_factory=set)      # ... by assigning to their attributes or items
    receivers: set = dataclasses.field(default_factory=set)   # names whose methods it calls anywhere
    module_receivers: set = dataclasses.field(default_factory=set)  # ... at module level
    reads: set = dataclasses.field(default_factory=set)       # module-level names it or its functions read
    calls: set = dataclasses.field(default_factory=set)       # plain names it calls anywhere
    module_calls: set = dataclasses.field(default_factory=set)  # plain names called at module level
    defines: dict = dataclasses.field(default_factory=dict)   # function/class name -> its AST node
    effect: str = None                                        # why it must run, if it must
    random: bool = False                                      # may touch the global RNG anywhere
    module_random: bool = False                               # ... in statements run at module level
    unknown: str = None                                       # why it cannot be analysed


def _called_name(func):
    """(final name, base Name or None) of a call's function expression."""
    if isinstance(func, ast.Name):
        return func.id, None
    if isinstance(func, ast.Attribute):
        base = func.value
        while isinstance(base, ast.Attribute):
            base = base.value
        return func.attr, base.id if isinstance(base, ast.Name) else None
    return None, None


def _module_aliases(trees):
    """Names bound to modules by import statements anywhere in the notebook."""
    modules = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules |= {(a.asname or a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                modules |= {(a.asname or a.name) for a in node.names if a.name in MODULE_ATTRIBUTES}
    return modules


def _global_reads(table):
    """Module-level names the code of ``table`` (and its nested scopes) refers to."""
    names = set()
    if table.get_type() == "module":
        names |= {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    else:
        names |= {s.get_name() for s in table.get_symbols() if s.is_global() and s.is_referenced()}
    for child in table.get_children():
        names |= _global_reads(child)
    return names


def _declares_global(table):
    if table.get_type() != "module" and any(s.is_declared_global() and s.is_assigned()
                                            for s in table.get_symbols()):
        return True
    return any(_declares_global(child) for child in table.get_children())


class _Walker(ast.NodeVisitor):
    """Collects calls, mutations and module-level bindings of one cell."""

    def __init__(self, cell, modules):
        self.cell, self.modules, self.depth = cell, modules, 0
        self.scoped = set()   # ids of calls used as a with-statement's context manager

    def _scope(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    def visit_FunctionDef(self, node):
        if self.depth == 0:
            self.cell.defines[node.name] = node
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._scope(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        if self.depth == 0:
            self.cell.defines[node.name] = node
        self._scope(node)

    def visit_Lambda(self, node):
        self._scope(node)

    def visit_Global(self, node):
        self.cell.effect = "declares global names"

    visit_Nonlocal = visit_Global

    def visit_Delete(self, node):
        if self.depth == 0:
            self.cell.effect = "deletes names or items"
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if any(a.name == "*" for a in node.names):
            raise Unknown("a star import binds names nobody can list")
        self.generic_visit(node)

    def _target_base(self, target):
        while isinstance(target, (ast.Attribute, ast.Subscript, ast.Starred)):
            target = target.value
        return target.id if isinstance(target, ast.Name) else None

    def _store(self, targets):
        for target in targets:
            if isinstance(target, (ast.Tuple, ast.List)):
                self._store(target.elts)
            elif isinstance(target, ast.Starred):
                self._store([target.value])
            elif isinstance(target, (ast.Attribute, ast.Subscript)):
                base = self._target_base(target)
                if base is not None:
                    self._mutates(base)
                    self.cell.stores.add(base)
                else:   # `type(self).count = ...`, `make()[0] = ...`: nobody can say what changes
                    self.cell.effect = "assigns to an attribute or item of a computed object"

    def _mutates(self, name):
        if name in self.modules:
            self.cell.effect = f"changes the module {name}"
        elif self.depth == 0:
            self.cell.writes.add(name)
        else:
            self.cell.writes.add(name)   # a function that changes a module-level object is impure

    def visit_Assign(self, node):
        self._store(node.targets)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._store([node.target])
        self.generic_visit(node)

    def visit_For(self, node):
        self._store([node.target])
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_AugAssign(self, node):
        self._store([node.target])
        if isinstance(node.target, ast.Name) and self.depth == 0:
            self.cell.writes.add(node.target.id)  # `x += ...` may change the object in place
            self.cell.stores.add(node.target.id)
        self.generic_visit(node)

    def visit_With(self, node):
        # `with torch.set_grad_enabled(False):` and the like only last for the block
        for item in node.items:
            expr = item.context_expr
            if isinstance(expr, ast.Call) and _called_name(expr.func)[0] in SCOPED:
                self.scoped.add(id(expr))
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    def visit_Call(self, node):
        name, base = _called_name(node.func)
        if name in EFFECTS and id(node) not in self.scoped and not (name in ("load", "use") and
                                                                    base not in self.modules):
            self.cell.effect = f"calls {name}()"
        if name in RANDOM or (base in RANDOM_MODULES and name and name[:1].isupper()):
            self.cell.random = True
            if self.depth == 0:
                self.cell.module_random = True
        if isinstance(node.func, ast.Name):
            self.cell.calls.add(name)
            self.cell.writes.add(name)   # calling an object (a torch module...) may change it
            if self.depth == 0:
                self.cell.module_calls.add(name)
        elif base is not None and base not in self.modules:
            self._mutates(base)      # a method may change its receiver
            self.cell.receivers.add(base)   # ... or, on a notebook function or class, do what it does
            if self.depth == 0:
                self.cell.module_receivers.add(base)
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            for inner in ast.walk(argument):
                if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load) and inner.id not in self.modules:
                    if self.depth == 0:
                        self.cell.writes.add(inner.id)   # a callee may change its arguments
        self.generic_visit(node)


def analyse(index, source, instructor, modules):
    """A :class:`Cell` for one code cell; ``unknown`` says why it could not be analysed."""
    cell = Cell(index, source, instructor)
    try:
        tree = _parse(source)
        with _COMPILER:
            table = symtable.symtable(source, f"<cell {index + 1}>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        cell.unknown = "it is not plain Python (a magic or shell escape?)"
        return cell
    try:
        walker = _Walker(cell, modules)
        for statement in tree.body:
            before = set(cell.writes)
            walker.visit(statement)
            cell.statements.append(Statement(_definite_binds(statement), _maybe_binds(statement) |
                                             (cell.writes - before), _immediate_reads(statement)))
    except Unknown as exc:
        cell.unknown = str(exc)
        return cell
    except RecursionError:
        cell.unknown = "it is nested too deeply to analyse"
        return cell
    cell.binds = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    cell.reads = _global_reads(table)
    cell.deferred = set().union(*(_global_reads(child) for child in table.get_children()
                                  if child.get_type() == "function" or _has_functions(child)))
    if _declares_global(table):
        cell.effect = "a function assigns a global name"
    if any(_dynamic(n) for n in ast.walk(tree)):
        cell.unknown = "it reaches the notebook's names dynamically (globals(), __main__, frames, eval...)"
    return cell


DYNAMIC_NAMES = frozenset({"globals", "locals", "vars", "eval", "exec", "__builtins__", "get_ipython", "__import__",
                           "__main__", "inspect", "importlib", "ctypes", "gc", "builtins"})
DYNAMIC_ATTRIBUTES = frozenset({"__dict__", "__globals__", "f_globals", "f_locals", "f_back", "_getframe",
                                "currentframe", "user_ns", "user_global_ns", "gi_frame",
                                "tb_frame", "cr_frame", "__builtins__", "get_referrers", "get_objects"})


def _dynamic(node):
    """Code that can reach the notebook's namespace by other means than names."""
    if isinstance(node, ast.Name):
        return node.id in DYNAMIC_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in DYNAMIC_ATTRIBUTES or (
            node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id == "sys")
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        modules = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
        return any(m and m.split(".")[0] in DYNAMIC_NAMES for m in modules)
    return False


def _has_functions(table):
    return any(c.get_type() == "function" or _has_functions(c) for c in table.get_children())


def _names_bound_by(target):
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_names_bound_by(e) for e in target.elts)) if target.elts else set()
    if isinstance(target, ast.Starred):
        return _names_bound_by(target.value)
    return set()


def _definite_binds(statement):
    """Names a top-level statement binds whenever it runs to its end."""
    if isinstance(statement, ast.Assign):
        return set().union(*(_names_bound_by(t) for t in statement.targets))
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return _names_bound_by(statement.target)
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name.split(".")[0]) for a in statement.names}
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        found = set().union(*(_names_bound_by(i.optional_vars) for i in statement.items if i.optional_vars))
        for inner in statement.body:
            found |= _definite_binds(inner)
        return found
    return set()


def _maybe_binds(statement):
    """Names a top-level statement may bind (in a branch, a loop, a handler, a walrus...)."""
    found = set()
    for node in _walk_now(statement):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found |= {(a.asname or a.name.split(".")[0]) for a in node.names}
    return found - _definite_binds(statement)


def _walk_now(node):
    """The nodes of ``node`` that run when it runs: not the bodies of functions or lambdas it
    defines (their defaults and decorators run now), nor comprehension-local names."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)) and current is not node:
            todo += current.decorator_list + current.args.defaults + [d for d in current.args.kw_defaults if d]
            continue
        if isinstance(current, ast.Lambda):
            todo += current.args.defaults + [d for d in current.args.kw_defaults if d]
            continue
        todo += list(ast.iter_child_nodes(current))


def _immediate_reads(statement):
    """Names a top-level statement reads while it runs (not later, from functions it defines)."""
    targets = {n.id for node in _walk_now(statement)
               if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
               for gen in node.generators for n in ast.walk(gen.target) if isinstance(n, ast.Name)}
    body = statement.body if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    return {n.id for n in _walk_now(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and not any(n in ast.walk(b) for b in body)} - targets


def _function_effects(cells, modules, defined, imported):
    """(impure, random): notebook functions and classes with effects beyond their result, and
    those that may draw random numbers, each closed over the notebook names they use.

    Calling a method of a notebook function or class (``AllPoleFilter.apply(x, a)``), or
    passing one along, is not an effect of its own: it does what that function or class does,
    so it is impure when that one is. Assigning to its attributes is an effect.
    """
    opaque = defined | imported | BUILTINS
    info = {}
    for cell in cells:
        for name, node in cell.defines.items():
            body = Cell(cell.index, "", cell.instructor)
            walker = _Walker(body, modules)
            walker.depth = 1
            for statement in node.body:
                walker.visit(statement)
            impure = (bool(body.effect) or bool(body.writes - _locals(node) - (opaque - body.stores))
                      or _changes_its_class(node, modules))
            uses = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            before = info.get(name, (False, False, set(), set()))
            info[name] = (before[0] or impure, before[1] or body.random,
                          before[2] | body.calls | (body.receivers & defined), before[3] | (uses & defined))
    impure = {name for name, entry in info.items() if entry[0]}
    random = {name for name, entry in info.items() if entry[1]}
    changed = True
    while changed:
        changed = False
        for name, (_, _, calls, uses) in info.items():
            if name not in impure and uses & impure:
                impure.add(name)
                changed = True
            # a call to a callable the notebook does not define may draw random numbers
            if name not in random and (calls & random or calls - set(info) - BUILTINS):
                random.add(name)
                changed = True
    return impure, random


def _changes_its_class(node, modules):
    """Whether a class's classmethod assigns to attributes or items of ``cls`` (its first argument)."""
    if not isinstance(node, ast.ClassDef):
        return False
    for method in node.body:
        if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and method.args.args and any(
                isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
            found = Cell(-1, "", True)
            _Walker(found, modules).visit(method)
            if method.args.args[0].arg in found.stores:
                return True
    return False


def _reseeds_first(source):
    """Whether a cell seeds torch's generator (and numpy's or Python's, when it uses them)
    before anything at module level may draw a random number: RNG use before it is irrelevant."""
    tree = _parse(source)
    seeded, needs = set(), {"torch"}
    text = source.replace(" ", "")
    if "np.random" in text or "numpy.random" in text:
        needs.add("numpy")
    if "random." in text.replace("np.random.", "").replace("numpy.random.", "").replace("torch.random.", ""):
        needs.add("python")
    for statement in tree.body:
        calls = [n for n in ast.walk(statement) if isinstance(n, ast.Call)]
        for call in calls:
            name, base = _called_name(call.func)
            if name == "manual_seed":
                seeded.add("torch")
            elif name == "seed" and isinstance(call.func, ast.Attribute):
                inner = call.func.value
                seeded.add("numpy" if isinstance(inner, ast.Attribute) else "python")
        if needs <= seeded:
            return True
        if any(_called_name(c.func)[0] not in ("manual_seed", "seed") for c in calls):
            return False
    return False


def _locals(node):
    """Names local to a function or class body (its parameters and what it assigns)."""
    names = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = node.args
        names |= {x.arg for x in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg] if x}
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
            names.add(inner.id)
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and inner is not node:
            names.add(inner.name)
        elif isinstance(inner, ast.arg):
            names.add(inner.arg)
    return names


@dataclasses.dataclass
class Plan:
    skip: list            # 0-based indices of cells not to run
    reason: str = ""      # why nothing is skipped, when skipping is off
    why: dict = dataclasses.field(default_factory=dict)   # index -> why that cell runs


def plan(sources, instructor_sources, test_reads, force=()):
    """The cells of a submission (code cell sources, in order) that can be skipped.

    Args:
        sources: the submission's code cells, in the order they run.
        instructor_sources: sources of the assignment's instructor code cells (neither answer
            nor hidden-test cells), as in the source notebook.
        test_reads: names the hidden tests read from the notebook (graded functions, objects).
        force: substrings; a cell containing one always runs.
    """
    trees = []
    for source in sources:
        try:
            trees.append(_parse(source))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return Plan([], "a cell is not plain Python (a magic or shell escape?)")
    modules = _module_aliases(trees)
    instructor_sources = set(instructor_sources)
    cells = [analyse(i, s, s in instructor_sources, modules) for i, s in enumerate(sources)]
    for cell in cells:
        if cell.unknown:
            return Plan([], f"cell {cell.index + 1}: {cell.unknown}")
    defined = set().union(*(c.defines.keys() for c in cells))
    imported = {name for tree in trees for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for name in ((a.asname or a.name.split(".")[0]) for a in node.names)}
    impure, random_functions = _function_effects(cells, modules, defined, imported)
    opaque = defined | imported | BUILTINS    # passing these along, or calling their methods, does not change them
    for cell in cells:
        patched = cell.stores & (imported | BUILTINS) - modules
        if patched and not cell.effect:
            cell.effect = f"assigns to an attribute or item of {sorted(patched)[0]}, which it did not define"
        cell.writes -= opaque - cell.stores
        for statement in cell.statements:
            statement.maybe -= opaque - statement.binds - cell.stores
        cell.calls |= cell.receivers & defined
        cell.module_calls |= cell.module_receivers & defined
    must, why = set(), {}
    for cell in cells:
        unknown = cell.calls - BUILTINS - defined - modules - imported
        cell.random = cell.random or bool(cell.calls & random_functions or unknown)
        cell.module_random = cell.module_random or bool(
            cell.module_calls & random_functions or cell.module_calls - BUILTINS - defined - modules - imported)
        forced = any(pattern in cell.source for pattern in force)
        reason = ("written by the student" if not cell.instructor else cell.effect or
                  ("forced by the assignment" if forced else None) or
                  (f"uses {sorted(cell.reads & impure)[0]}, which has effects" if cell.reads & impure else None))
        if reason:
            must.add(cell.index)
            why[cell.index] = reason
    events = _binding_events(cells)
    reseeds = {cell.index: cell.module_random and _reseeds_first(cell.source) for cell in cells}
    todo = sorted(must)
    end = (len(cells), 0)
    needed = {}
    for name in test_reads:
        for index in _reaching(events.get(name, []), end, deferred=False):
            needed.setdefault(index, f"{name} is read by the hidden tests")
    while True:
        for index, reason in sorted(needed.items()):
            if index not in must:
                must.add(index)
                why[index] = reason
                todo.append(index)
        needed = {}
        while todo:
            cell = cells[todo.pop()]
            for k, statement in enumerate(cell.statements):
                for name in statement.reads:
                    for index in _reaching(events.get(name, []), (cell.index, k), deferred=False):
                        if index not in must:
                            needed.setdefault(index, f"{name} is read by cell {cell.index + 1}, which runs")
            for name in cell.deferred:
                for index in _reaching(events.get(name, []), (cell.index, len(cell.statements)), deferred=True):
                    if index not in must:
                        needed.setdefault(index, f"{name} is read by a function of cell {cell.index + 1}")
        for cell in cells:
            if cell.index not in must and cell.index not in needed and cell.random and \
                    _random_after(cell.index, must, cells, reseeds):
                needed[cell.index] = "a later cell that runs draws random numbers"
        if not needed:
            break
    return Plan(sorted(set(range(len(cells))) - must), why=why)


def _binding_events(cells):
    """{name: [((cell, statement), definite)]} in program order."""
    events = {}
    for cell in cells:
        for k, statement in enumerate(cell.statements):
            for name in statement.binds:
                events.setdefault(name, []).append(((cell.index, k), True))
            for name in statement.maybe:
                events.setdefault(name, []).append(((cell.index, k), False))
    return events


def _reaching(events, position, deferred):
    """Cells whose bindings or changes of a name can be seen by a read at ``position``.

    A read sees the last definite binding before it and every possible change after that one;
    a read in a function (``deferred``) may happen at any later time, so it also sees every
    binding and change after its definition.
    """
    before = [e for e in events if e[0] < position]
    last = max((i for i, e in enumerate(before) if e[1]), default=-1)
    seen = {e[0][0] for e in before[max(last, 0):]} if before else set()
    if deferred:
        seen |= {e[0][0] for e in events if e[0] >= position}
    return seen


def _random_after(index, must, cells, reseeds):
    """Whether a cell that runs after ``index`` draws random numbers at module level before
    anything re-seeds the generators (so skipping ``index`` would change what it draws)."""
    for later in sorted(i for i in must if i > index):
        if reseeds[later]:
            return False
        if cells[later].module_random:
            return True
    return False
