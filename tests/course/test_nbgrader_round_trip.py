"""The course workflow, end to end, with nbgrader itself: what notebooks/INSTRUCTORS.md promises.

A throwaway course in a temporary folder holds every solutions notebook as an assignment's
source. For each: ``nbgrader generate_assignment`` succeeds and gives the committed exercises
notebook (nbgrader's cells unchanged); ``nbgrader validate`` passes on the solutions; and
``nbgrader autograde`` gives the solutions full marks and the blank exercises 0 on every
autograded cell. It executes every notebook three times, so it runs with ``make test`` and
``make test-course``, not ``make test-fast``.
"""

import shutil
import warnings

import nbformat
import pytest

from tools import exercises

with warnings.catch_warnings():  # nbgrader 0.9 redefines two SQLAlchemy attributes at import
    warnings.simplefilter("ignore", DeprecationWarning)
    from nbgrader.api import Gradebook

SOLUTIONS = exercises.solutions_paths()
NAMES = [exercises.assignment_name(path) for path in SOLUTIONS]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with every assignment generated, and two submissions: solved and blank."""
    root = tmp_path_factory.mktemp("course")
    released = exercises.release(SOLUTIONS, root)
    for path, name in zip(SOLUTIONS, NAMES, strict=True):
        for student, notebook in (("solved", path), ("blank", exercises.exercise_path(path))):
            folder = root / "submitted" / student / name
            folder.mkdir(parents=True)
            shutil.copyfile(notebook, folder / f"{name}.ipynb")
        exercises.nbgrader(["autograde", name, "--create", "--force"], root)
    return root, released


def _plain(cell):
    return "nbgrader" not in cell.metadata


@pytest.mark.parametrize("path", SOLUTIONS, ids=NAMES)
def test_the_committed_exercises_are_nbgraders_student_version(course, path):
    _, released = course
    generated = released[path]
    committed = nbformat.read(exercises.exercise_path(path), as_version=4)
    assert [cell.id for cell in committed.cells] == [cell.id for cell in generated.cells]
    for ours, theirs in zip(committed.cells, generated.cells, strict=True):
        if _plain(theirs):
            if theirs.id in ("navigation-header", "navigation-footer"):
                continue  # links of an exercises notebook, not of the solutions
            if theirs is generated.cells[0]:
                assert theirs.source.replace(exercises.SOLUTION_SUFFIX, "", 1) == ours.source
                continue
        assert ours.source == theirs.source, f"{path.name}: run 'make exercises'"
        assert ours.metadata.get("nbgrader") == theirs.metadata.get("nbgrader")
        assert ours.metadata.get("editable") == theirs.metadata.get("editable")


@pytest.mark.parametrize("path", SOLUTIONS, ids=NAMES)
def test_validate_passes_on_the_solutions(course, path):
    root, _ = course
    name = exercises.assignment_name(path)
    result = exercises.nbgrader(["validate", f"source/{name}/{name}.ipynb"], root)
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout


def _autograded(root, name, student):
    """(score, max score) of each autograded cell of a submission, by grade id."""
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(name, name, student)
        return {
            grade.name: (grade.auto_score, grade.max_score)
            for grade in notebook.grades
            if grade.cell.cell_type == "code"
        }


@pytest.mark.parametrize("path", SOLUTIONS, ids=NAMES)
def test_autograde_gives_the_solutions_full_marks_and_the_blank_notebook_zero(course, path):
    root, _ = course
    name = exercises.assignment_name(path)
    checks = [
        cell.metadata["nbgrader"]["grade_id"]
        for cell in nbformat.read(path, as_version=4).cells
        if exercises.cell_kind(cell) == "check"
    ]
    solved, blank = _autograded(root, name, "solved"), _autograded(root, name, "blank")
    assert sorted(solved) == sorted(blank) == sorted(checks) and len(checks) >= 3
    assert all(score == maximum > 0 for score, maximum in solved.values()), solved
    assert all(score == 0 for score, _ in blank.values()), blank
