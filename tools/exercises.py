"""Learner exercise notebooks generated from the instructors' solution notebooks.

The solutions in ``notebooks/solutions/NN_<topic>_solutions.ipynb`` are the single source. Their
answers sit between nbgrader's markers::

    ### BEGIN SOLUTION
    ...
    ### END SOLUTION

``make exercises`` (``python -m tools.exercises``) writes
``notebooks/exercises/NN_<topic>_exercises.ipynb`` from each: every solution block becomes a stub
(``raise NotImplementedError()`` in code, ``YOUR ANSWER HERE`` in markdown), outputs are cleared,
and code cells with a stub are tagged ``raises-exception`` so the test suite can run the learner
notebooks as they are. It also marks the solution cells with nbgrader's metadata, so an
instructor can give the solution notebooks to nbgrader unchanged.
"""

from __future__ import annotations

import argparse
import copy
import re
from collections.abc import Sequence
from pathlib import Path

import nbformat

from tools import navigation

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"
SOLUTION_SUFFIX = " (solutions)"
_BLOCK = re.compile(
    rf"^(?P<indent>[ \t]*){re.escape(BEGIN)}[ \t]*\n.*?^[ \t]*{re.escape(END)}[ \t]*$",
    re.M | re.S,
)


def has_solution(source: str) -> bool:
    """Tell whether a cell's source holds a solution block."""
    return bool(_BLOCK.search(source))


def strip_solutions(source: str, cell_type: str) -> str:
    """Replace every solution block in a cell's source by its stub, keeping the indentation.

    Parameters
    ----------
    source : str
        The cell's source.
    cell_type : {"code", "markdown"}
        Code blocks become ``raise NotImplementedError()``, markdown ones ``YOUR ANSWER HERE``.

    Returns
    -------
    str
    """
    if cell_type not in ("code", "markdown"):
        raise ValueError(f"cell_type must be 'code' or 'markdown', got {cell_type!r}")
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers: each {BEGIN!r} needs an {END!r}")
    stub = CODE_STUB if cell_type == "code" else TEXT_STUB

    def replace(match: re.Match) -> str:
        indent = match.group("indent")
        return "\n".join(indent + line for line in stub.splitlines())

    return _BLOCK.sub(replace, source)


def _grade_id(path: Path, number: int) -> str:
    return f"{path.stem.removesuffix('_solutions')}-answer-{number}"


def mark_for_nbgrader(notebook: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Return a copy of a solution notebook whose solution cells carry nbgrader's metadata."""
    marked = copy.deepcopy(notebook)
    number = 0
    for cell in marked.cells:
        if has_solution(cell.source):
            number += 1
            cell.metadata["nbgrader"] = {
                "grade": False,
                "grade_id": _grade_id(path, number),
                "locked": False,
                "schema_version": 3,
                "solution": True,
                "task": False,
            }
        else:
            cell.metadata.pop("nbgrader", None)
    return marked


def learner_notebook(solutions: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the learner version of a solution notebook: stubs, no outputs, tagged stubs."""
    title = solutions.cells[0].source
    first_line = title.splitlines()[0]
    if not first_line.endswith(SOLUTION_SUFFIX):
        raise ValueError(
            f"the solution notebook's title must end with {SOLUTION_SUFFIX!r}, got {first_line!r}"
        )
    learner = copy.deepcopy(solutions)
    learner.cells[0].source = title.replace(first_line, first_line.removesuffix(SOLUTION_SUFFIX), 1)
    for cell in learner.cells:
        cell.metadata.pop("nbgrader", None)
        stubbed = has_solution(cell.source)
        if stubbed:
            cell.source = strip_solutions(cell.source, cell.cell_type)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            tags = [tag for tag in cell.metadata.get("tags", []) if tag != "raises-exception"]
            if stubbed:
                tags.append("raises-exception")
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
    return learner


def exercise_path(solution_path: Path) -> Path:
    """Where the learner notebook of a solution notebook goes."""
    stem = solution_path.stem.removesuffix("_solutions")
    return solution_path.parent.parent / "exercises" / f"{stem}_exercises.ipynb"


def generate(root: Path = navigation.ROOT) -> dict[Path, nbformat.NotebookNode]:
    """Build every learner notebook (with its navigation cells) from the solution notebooks."""
    repository = navigation.read_repository(root / "pyproject.toml")
    teaching, _ = navigation.all_notebooks()
    generated = {}
    for path in sorted((root / "notebooks" / "solutions").glob("*_solutions.ipynb")):
        learner = learner_notebook(nbformat.read(path, as_version=4))
        target = exercise_path(path)
        generated[target] = navigation.render_cells(learner, target, repository, teaching)
    return generated


def main(argv: Sequence[str] | None = None) -> int:
    """Write the learner notebooks and mark the solution cells for nbgrader."""
    parser = argparse.ArgumentParser(prog="python -m tools.exercises", description=__doc__)
    parser.parse_args(argv)
    for path in sorted((navigation.NOTEBOOKS / "solutions").glob("*_solutions.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        marked = mark_for_nbgrader(notebook, path)
        if marked != notebook:
            nbformat.write(marked, path)
            print(f"marked solution cells in {path.relative_to(navigation.ROOT)}")
    for target, notebook in generate().items():
        target.parent.mkdir(exist_ok=True)
        nbformat.write(notebook, target)
        print(f"wrote {target.relative_to(navigation.ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
