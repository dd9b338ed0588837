"""What grading produces: typed results, serialised to the JSON contract in one place.

One :class:`SubmissionResult` per submitted notebook, with one :class:`TestResult` per
hidden test. Failures of the notebook's own cells are :class:`CellError` data (the
nbgrader path shows each under its cell), never text to be parsed back. ``outcome`` says
whether the result means anything:

* ``graded``: the submission was run and tested; its score is its grade;
* ``not_gradable``: the submission itself cannot be graded (unreadable file, a symbolic
  link, ...): it scores 0 and the reason is in ``notes``;
* ``grader_failed``: the grader could not run it (no worker could start): the score means
  nothing, nothing is recorded in a gradebook, and it must be graded again.
"""
import dataclasses

GRADED, NOT_GRADABLE, GRADER_FAILED = "graded", "not_gradable", "grader_failed"
STATUSES = ("passed", "failed", "error", "timeout")


@dataclasses.dataclass
class TestResult:
    id: str
    function: str
    points: float
    max_points: float
    status: str
    message: str = ""

    def to_json(self):
        return dataclasses.asdict(self)


@dataclasses.dataclass
class CellError:
    """Code cell ``cell`` (1-based, among the cells the grader runs) raised or was lost."""
    cell: int
    kind: str
    message: str

    def __str__(self):
        return f"cell {self.cell}: {self.kind}: {self.message}"


@dataclasses.dataclass
class SubmissionResult:
    student: object
    assignment: str
    notebook: str
    max_score: float = 0.0
    tests: list = dataclasses.field(default_factory=list)
    cell_errors: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)
    outcome: str = GRADED
    skipped_cells: list = dataclasses.field(default_factory=list)

    @property
    def score(self):
        return round(sum(t.points for t in self.tests), 6)

    @property
    def graded(self):
        return self.outcome == GRADED

    @property
    def errors(self):
        """Cell errors then notes, as the JSON's ``errors`` lists them."""
        return [str(e) for e in self.cell_errors] + list(self.notes)

    def to_json(self):
        """The contract's object: student, assignment, notebook, score, max_score, tests, errors
        (plus ``skipped_cells``: notebook cells not run because they cannot change a grade)."""
        return {"student": self.student, "assignment": self.assignment, "notebook": self.notebook,
                "score": self.score, "max_score": self.max_score,
                "tests": [t.to_json() for t in self.tests], "errors": self.errors,
                "skipped_cells": list(self.skipped_cells)}
