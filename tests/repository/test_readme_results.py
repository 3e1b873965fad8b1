"""The README's airline results tables say what notebook 05 printed, digit for digit."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "05_lstm_airline_forecaster.ipynb"
HEADER = "| forecast | RMSE | MAE | MAPE % | MASE |"
# One printed metric: "30.00" or "30.00 ± 5.79".
VALUE = re.compile(r"\d+\.\d+(?: ± \d+\.\d+)?")
HOW_TO_FIX = (
    "re-execute notebook 05, then run `make bench BENCH_ARGS='--only airline'` on the same machine "
    "and copy the notebook's table into the README's 'Results, honestly'"
)


def printed_table(text: str) -> dict[str, list[str]]:
    """Rows of a DataFrame's text repr, pandas' wrapped column blocks joined: name -> values."""
    rows: dict[str, list[str]] = {}
    for block in text.strip("\n").split("\n\n"):
        for line in block.splitlines()[1:]:  # the first line of a block holds column names
            line = line.rstrip(" \\")
            values = VALUE.findall(line)
            name = VALUE.split(line)[0].strip()
            if values and name:
                rows.setdefault(name, []).extend(values)
    return rows


def readme_tables(text: str) -> list[list[list[str]]]:
    """Every README table with the airline header, as rows of cell texts (names dropped)."""
    tables = []
    for chunk in text.split(HEADER)[1:]:
        lines = chunk.strip("\n").splitlines()[1:]  # skip the |---| line
        rows = []
        for line in lines:
            if not line.startswith("|"):
                break
            rows.append([cell.strip() for cell in line.strip("|").split("|")][1:])
        tables.append(rows)
    return tables


def notebook_rows() -> list[list[str]]:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [
        cell
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and "".join(cell["source"]).rstrip().endswith("table_text")
    ]
    assert len(cells) == 1, "notebook 05 should have one cell that shows table_text"
    (output,) = [out for out in cells[0]["outputs"] if out["output_type"] == "execute_result"]
    return list(printed_table("".join(output["data"]["text/plain"])).values())


def test_printed_table_joins_wrapped_blocks():
    text = (
        "             rmse          mae  \\\n"
        "model                           \n"
        "naive      121.14        94.94   \n"
        "LSTM  30.00 ± 5.79  25.32 ± 5.37   \n"
        "\n"
        "        mase  \n"
        "model         \n"
        "naive   3.11  \n"
        "LSTM    0.83 ± 0.18  \n"
    )
    assert printed_table(text) == {
        "naive": ["121.14", "94.94", "3.11"],
        "LSTM": ["30.00 ± 5.79", "25.32 ± 5.37", "0.83 ± 0.18"],
    }


def test_readme_tables_reads_rows_until_the_table_ends():
    text = f"x\n\n{HEADER}\n|---|---:|\n| naive | 1.00 | 2.00 |\n| b | 3.00 ± 0.10 | 4 |\n\nafter"
    assert readme_tables(text) == [[["1.00", "2.00"], ["3.00 ± 0.10", "4"]]]


@pytest.mark.parametrize("number", [0, 1], ids=["results, honestly", "performance (make bench)"])
def test_readme_airline_table_matches_notebook_05(number):
    tables = readme_tables((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(tables) == 2, f"the README should hold two tables headed {HEADER!r}"
    expected = notebook_rows()
    assert len(expected) == 8 and all(len(row) == 4 for row in expected)
    assert tables[number] == expected, (
        f"README table {number + 1} differs from notebook 05's printed table: {HOW_TO_FIX}"
    )
