from pathlib import Path

import nbformat
import pytest

from tools import exercises

SOLUTION_CELL = '''def forget_gate(x):
    """Docstring stays."""
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-x))
    ### END SOLUTION


tu.checks.check_forget_gate(forget_gate)'''


def test_code_block_becomes_an_indented_stub():
    stripped = exercises.strip_solutions(SOLUTION_CELL, "code")
    assert "np.exp" not in stripped
    assert "    # YOUR CODE HERE\n    raise NotImplementedError()\n" in stripped
    assert stripped.startswith('def forget_gate(x):\n    """Docstring stays."""')
    assert stripped.endswith("tu.checks.check_forget_gate(forget_gate)")


def test_markdown_block_and_several_blocks():
    text = (
        "Why?\n\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION\n\n"
        "And?\n### BEGIN SOLUTION\nSo.\n### END SOLUTION"
    )
    assert exercises.strip_solutions(text, "markdown") == (
        "Why?\n\nYOUR ANSWER HERE\n\nAnd?\nYOUR ANSWER HERE"
    )


def test_errors():
    with pytest.raises(ValueError, match="unbalanced"):
        exercises.strip_solutions("### BEGIN SOLUTION\nx = 1\n", "code")
    with pytest.raises(ValueError, match="cell_type must be"):
        exercises.strip_solutions("x", "raw")


def _solutions_notebook():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell(SOLUTION_CELL, execution_count=2)
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="correct\n")]
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Exercises 02: gates (solutions)\n\nPractice."),
        nbformat.v4.new_code_cell("import numpy as np", execution_count=1),
        code,
    ]
    return notebook


def test_learner_notebook():
    learner = exercises.learner_notebook(_solutions_notebook())
    assert learner.cells[0].source == "# Exercises 02: gates\n\nPractice."
    stub = learner.cells[2]
    assert "raise NotImplementedError()" in stub.source
    assert stub.metadata["tags"] == ["raises-exception"]
    assert all(cell.get("outputs") in (None, []) for cell in learner.cells)
    assert all(cell.get("execution_count") is None for cell in learner.cells)
    assert "tags" not in learner.cells[1].metadata


def test_learner_notebook_needs_the_solutions_title():
    notebook = _solutions_notebook()
    notebook.cells[0].source = "# Exercises 02"
    with pytest.raises(ValueError, match="must end with ' \\(solutions\\)'"):
        exercises.learner_notebook(notebook)


def test_nbgrader_metadata(tmp_path):
    path = tmp_path / "02_gates_solutions.ipynb"
    marked = exercises.mark_for_nbgrader(_solutions_notebook(), path)
    nbgrader = marked.cells[2].metadata["nbgrader"]
    assert nbgrader["solution"] is True and nbgrader["grade_id"] == "02_gates-answer-1"
    assert "nbgrader" not in marked.cells[1].metadata


def test_committed_learner_notebooks_match_the_generator():
    generated = exercises.generate()
    committed = sorted(exercises.navigation.NOTEBOOKS.glob("exercises/*.ipynb"))
    assert sorted(generated) == committed, "run 'make exercises'"
    for path, notebook in generated.items():
        stored = nbformat.read(path, as_version=4)
        for expected, actual in zip(notebook.cells, stored.cells, strict=True):
            assert (expected.source, expected.metadata) == (actual.source, actual.metadata), (
                f"{path.name} differs from its solutions: run 'make exercises'"
            )


def test_solution_cells_are_marked_for_nbgrader():
    for path in sorted(exercises.navigation.NOTEBOOKS.glob("solutions/*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        assert exercises.mark_for_nbgrader(notebook, path) == notebook, "run 'make exercises'"


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
