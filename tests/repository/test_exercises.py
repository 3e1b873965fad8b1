from pathlib import Path

import nbformat
import pytest

from tools import exercises

ANSWER = '''def forget_gate(x):
    """Docstring stays."""
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-x))
    ### END SOLUTION'''
CHECK = "tu.checks.check_forget_gate(forget_gate)"
WRITTEN = "Why?\n\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION"
SOLUTIONS = exercises.solutions_paths()


def _cell(source, cell_type="code"):
    if cell_type == "code":
        return nbformat.v4.new_code_cell(source)
    return nbformat.v4.new_markdown_cell(source)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        (_cell(ANSWER), "answer"),
        (_cell("x = None\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "answer"),
        (_cell(CHECK), "check"),
        (_cell("tu.checks.check_value(\n    x,\n    1,\n)"), "check"),
        (_cell(WRITTEN, "markdown"), "written"),
        (_cell("print(x)\n" + CHECK), None),  # code beside a check: not a check cell
        (_cell("## Exercise 1", "markdown"), None),
    ],
)
def test_cell_kind(cell, kind):
    assert exercises.cell_kind(cell) == kind


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("The markers are `### BEGIN SOLUTION` and ...", "reads any line containing"),
        ("x = 1  # BEGIN SOLUTION", "reads any line containing"),
        (ANSWER + "\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION", "exactly one"),
        ("### BEGIN SOLUTION\nx = 1", "exactly one"),
    ],
)
def test_cell_kind_refuses_what_nbgrader_would_misread(source, message):
    with pytest.raises(ValueError, match=message):
        exercises.cell_kind(_cell(source))


def _solutions_notebook():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        _cell("# Exercises 02: gates (solutions)\n\nPractice.", "markdown"),
        _cell("import numpy as np"),
        _cell(ANSWER),
        _cell(CHECK),
        _cell("### BEGIN SOLUTION\nprint(forget_gate(0))\n### END SOLUTION"),
        _cell(WRITTEN, "markdown"),
    ]
    return notebook


def test_mark_for_nbgrader_gives_each_kind_its_metadata():
    notebook = _solutions_notebook()
    notebook.cells[5].metadata["nbgrader"] = {"grade": True, "points": 3}  # kept
    notebook.cells[1].metadata["nbgrader"] = {"grade": True}  # a plain cell: removed
    marked = exercises.mark_for_nbgrader(notebook, "02_gates")
    metadata = [cell.metadata.get("nbgrader") for cell in marked.cells]
    assert metadata[0] is None and metadata[1] is None
    assert metadata[2]["grade_id"] == "02_gates-answer-1" and metadata[4]["grade_id"] == (
        "02_gates-answer-2"
    )
    assert (metadata[2]["solution"], metadata[2]["grade"], metadata[2]["locked"]) == (
        True,
        False,
        False,
    )
    check = metadata[3]
    assert (check["solution"], check["grade"], check["locked"], check["points"]) == (
        False,
        True,
        True,
        exercises.CHECK_POINTS,
    )
    written = metadata[5]
    assert (written["solution"], written["grade"], written["points"]) == (True, True, 3)
    assert exercises.mark_for_nbgrader(marked, "02_gates") == marked


def test_learner_notebook_turns_nbgraders_version_into_the_exercises():
    released = exercises.mark_for_nbgrader(_solutions_notebook(), "02_gates")
    released.cells[2].source = released.cells[2].source.replace(
        "    ### BEGIN SOLUTION\n    return 1 / (1 + np.exp(-x))\n    ### END SOLUTION",
        "    # YOUR CODE HERE\n    raise NotImplementedError()",
    )
    released.cells[4].source = "# YOUR CODE HERE\nraise NotImplementedError()"
    teaching, _ = exercises.navigation.all_notebooks()
    target = exercises.exercise_path(SOLUTIONS[1])  # any real one: its links are read
    repository = exercises.navigation.read_repository()
    learner = exercises.learner_notebook(released, target, repository, teaching)
    assert learner.cells[0].source == "# Exercises 02: gates\n\nPractice."
    tags = [cell.metadata.get("tags") for cell in learner.cells if cell.cell_type == "code"]
    # the stub inside a def runs; the check and the stub at the top level fail while blank
    assert tags == [None, None, ["raises-exception"], ["raises-exception"]]
    released.cells[0].source = "# Exercises 02"
    with pytest.raises(ValueError, match="must end with ' \\(solutions\\)'"):
        exercises.learner_notebook(released, target, repository, teaching)


def test_solution_links_are_optional():
    teaching, _ = exercises.navigation.all_notebooks()
    path = exercises.exercise_path(SOLUTIONS[0])
    assert "Solutions" in exercises.navigation.navigation_line(path, teaching)
    without = exercises.navigation.navigation_line(path, teaching, solution_links=False)
    assert "Solutions" not in without and "solutions" not in without


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda path: path.name)
def test_solutions_are_marked_for_nbgrader(path):
    notebook = nbformat.read(path, as_version=4)
    marked = exercises.mark_for_nbgrader(notebook, exercises.assignment_name(path))
    assert marked == notebook, "run 'make exercises'"


def _outside_solutions(source):
    lines, inside = [], False
    for line in source.splitlines():
        inside = (inside or line.strip() == exercises.BEGIN) and line.strip() != exercises.END
        if not inside and line.strip() != exercises.END:
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda path: path.name)
def test_every_check_follows_its_answer_and_nothing_compares_the_answer_before(path):
    cells = nbformat.read(path, as_version=4).cells
    kinds = [exercises.cell_kind(cell) for cell in cells]
    assert kinds.count("check") >= 3 and kinds.count("written") >= 3
    for number, kind in enumerate(kinds):
        if kind != "check":
            continue
        assert kinds[number - 1] == "answer", f"{path.name}: {cells[number].source}"
        given = _outside_solutions(cells[number - 1].source)
        for comparison in ("assert", "np.testing", "print("):
            assert comparison not in given, f"{path.name}: {comparison} before the check"


def _exercise_sections(notebook):
    """Split a solutions notebook into its '## Exercise k' sections, each a list of cells."""
    sections = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## Exercise "):
            sections.append([])
        elif sections and cell.cell_type == "markdown" and cell.source.startswith("<!-- generated"):
            break
        if sections:
            sections[-1].append(cell)
    return sections


def _checks_under_test():
    """Names of the checks that the unit tests call with a right answer, and with a wrong one.

    A test function that mentions ``CheckFailed`` tests wrong answers; any other, right ones.
    """
    import ast

    right, wrong = set(), set()
    for path in (Path(__file__).parents[1] / "checks").glob("test_checks*.py"):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                called = {
                    attribute.attr
                    for attribute in ast.walk(node)
                    if isinstance(attribute, ast.Attribute) and attribute.attr.startswith("check_")
                }
                tests_wrong = "CheckFailed" in ast.get_source_segment(source, node)
                (wrong if tests_wrong else right).update(called)
    return right, wrong


@pytest.mark.parametrize(
    "teaching",
    [path for path in exercises.navigation.all_notebooks()[0] if path.name[:2] != "00"],
    ids=lambda path: path.name,
)
def test_every_teaching_notebook_has_three_to_five_self_checked_exercises(teaching):
    import re

    import tutorial_utils as tu

    solutions = teaching.parent / "solutions" / f"{teaching.stem}_solutions.ipynb"
    learner = teaching.parent / "exercises" / f"{teaching.stem}_exercises.ipynb"
    assert solutions.is_file() and learner.is_file(), f"{teaching.name} has no exercises"
    sections = _exercise_sections(nbformat.read(solutions, as_version=4))
    assert 3 <= len(sections) <= 5, f"{solutions.name}: {len(sections)} exercises, expected 3-5"
    right_tested, wrong_tested = _checks_under_test()
    for number, section in enumerate(sections, start=1):
        assert section[0].source.startswith(f"## Exercise {number}:"), section[0].source[:40]
        code = "\n".join(cell.source for cell in section if cell.cell_type == "code")
        assert exercises.BEGIN in code, f"{solutions.name}, exercise {number}: no solution block"
        checks = re.findall(r"tu\.checks\.(check_\w+)\(", code)
        assert checks, f"{solutions.name}, exercise {number}: no tu.checks call"
        for check in checks:
            assert check in tu.checks.__all__, f"{check} is not exported by tu.checks"
            assert check in right_tested, f"{check} has no test with a right answer"
            assert check in wrong_tested, f"{check} has no test that a wrong answer fails"
    own_text = [
        cell.source
        for cell in nbformat.read(teaching, as_version=4).cells
        if cell.cell_type == "markdown" and not cell.source.startswith("<!-- generated")
    ]
    link = f"(exercises/{learner.name})"
    assert any(link in text for text in own_text), f"{teaching.name} never links {learner.name}"
