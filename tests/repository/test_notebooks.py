"""Notebook hygiene, read from the .ipynb JSON: what a reader sees on the web is a clean run."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(
    path for path in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
)
# Learner exercise notebooks are committed blank, to be filled in; every other one executed.
EXECUTED = [path for path in NOTEBOOKS if path.parent.name != "exercises"]
BLANK = [path for path in NOTEBOOKS if path.parent.name == "exercises"]
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|href=\"([^\"]+)\"")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def relative_links(text: str) -> list[str]:
    """Targets of Markdown and HTML links that point into the repository."""
    targets = [a or b for a, b in LINK.findall(text)]
    return [
        target.split("#")[0]
        for target in targets
        if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")
    ]


def test_there_are_notebooks():
    assert [path.name for path in NOTEBOOKS][:1] == ["00_index.ipynb"]


@pytest.mark.parametrize("path", EXECUTED, ids=lambda path: path.name)
def test_executed_in_order_without_errors_or_stderr(path):
    cells = _code_cells(_load(path))
    counts = [cell["execution_count"] for cell in cells]
    assert counts == list(range(1, len(cells) + 1)), "run 'make execute' (fresh kernel, in order)"
    for number, cell in enumerate(cells, start=1):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"code cell {number} stores an error"
            assert output.get("name") != "stderr", f"code cell {number} stores stderr output"


@pytest.mark.parametrize("path", BLANK, ids=lambda path: path.name)
def test_exercise_notebooks_are_blank(path):
    cells = _code_cells(_load(path))
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_title_and_quiet_tensorflow_first(path):
    notebook = _load(path)
    first = notebook["cells"][0]
    assert first["cell_type"] == "markdown" and _source(first).startswith("# ")
    setup = _source(_code_cells(notebook)[0])
    assert re.search(r"""environ\[["']TF_CPP_MIN_LOG_LEVEL["']\]\s*=\s*["']2["']""", setup)
    assert re.search(r"""environ\[["']TF_ENABLE_ONEDNN_OPTS["']\]\s*=\s*["']0["']""", setup)
    assert not re.search(r"\b(keras|tensorflow|tutorial_utils)\b", setup), (
        "nothing may import TF yet"
    )


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, ROOT / "README.md", ROOT / "data" / "README.md"], ids=lambda p: p.name
)
def test_relative_links_resolve(path):
    if path.suffix == ".ipynb":
        text = "\n".join(
            _source(cell) for cell in _load(path)["cells"] if cell["cell_type"] == "markdown"
        )
    else:
        text = path.read_text(encoding="utf-8")
    missing = [link for link in relative_links(text) if not (path.parent / link).exists()]
    assert missing == []


def test_link_finder():
    text = '[a](01_x.ipynb) [b](https://x.org) [c](#top) [d](../README.md#layout) <a href="e.md">'
    assert relative_links(text) == ["01_x.ipynb", "../README.md", "e.md"]
