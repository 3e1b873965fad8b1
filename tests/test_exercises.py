import nbformat
import pytest

from tutorial_utils import exercises

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
