"""Keeping the text true: every number a teaching notebook's prose states, its code backs.

A heuristic (issue 12, "Keeping it true"). A number in a markdown cell counts as a claim when it
has a decimal point, a percent sign or an exponent ("about 0.86", "74%", "1e-6"); whole numbers
("16 units", "section 2", "30 epochs") name things more often than they measure them and are
left alone. Not claims: LaTeX (``$...$``: equations and their constants), code spans and blocks,
link targets, HTML comments, dates (1958-01), version numbers (3.12.4) and cell references (c20).

A claim is *backed* when some number in the same notebook's code cells (an assertion's bound, a
constant) or text outputs (a printed measurement) rounds to it at the claim's own precision:
0.86 is backed by a printed 0.863, 1e-6 by 1.3e-06, 74% by 0.741. A percentage is matched
against fractions (74% against 0.741), ratios ("9 % above" against 1.09), printed percentages
and decimals (13.2 % against a MAPE column's 13.21, not against a count of 13); a plain number
against plain numbers. Signs are ignored ("falls by 0.6" against a printed -0.6).

Every teaching notebook (notebooks/0X_*.ipynb) is checked on its own, so each fails separately,
and the failure lists each unbacked number with its cell (counted from 0) and sentence. A number
that is rightly unbacked goes in ALLOWED with its reason; keep that list short.
"""

import json
import math
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
TEACHING = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

# notebook name -> {number as the prose writes it: why no code cell prints or asserts it}
ALLOWED: dict[str, dict[str, str]] = {}

NUMBER = re.compile(
    r"(?<![\w.])"  # not inside a word or a longer number
    r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,216 or 0.863
    r"(?:[eE][-−+]?\d+)?"  # 1e-6
    r"(?:\s?%)?"  # 74 % or 74%
    r"(?!\d|\.\d)"  # all of it: no part of a version number such as 3.12.4
)
NOT_PROSE = [
    re.compile(r"```.*?```", re.DOTALL),  # code blocks
    re.compile(r"\$\$.*?\$\$", re.DOTALL),  # display equations
    re.compile(r"\$[^$]*\$"),  # inline equations
    re.compile(r"`[^`]*`"),  # code spans
    re.compile(r"<!--.*?-->", re.DOTALL),  # HTML comments (generated navigation)
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+"),  # bare addresses
    re.compile(r"\b(?:1[89]|20)\d\d-\d\d(?:-\d\d)?\b"),  # dates: 1949-01, 1960-12-01
]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _as_text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def parse_number(raw: str) -> tuple[float, bool, tuple[str, int]]:
    """Value, whether it is a percentage, and precision ("decimals" or "significant", count)."""
    text = raw.replace("−", "-").replace(",", "").replace(" ", "")
    percent = text.endswith("%")
    text = text.rstrip("%")
    if "e" in text.lower():
        mantissa = text.lower().split("e")[0]
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return abs(float(text)), percent, ("significant", digits + 1)
    digits = len(text.split(".")[1]) if "." in text else 0
    return abs(float(text)), percent, ("decimals", digits)


def is_claim(raw: str) -> bool:
    """Numbers with a decimal point, a percent sign or an exponent; not whole numbers."""
    return any(mark in raw.lower() for mark in (".", "%", "e"))


def rounds_to(candidate: float, value: float, precision: tuple[str, int]) -> bool:
    """Whether candidate, rounded at value's precision, is value (half a unit either side)."""
    kind, digits = precision
    if kind == "decimals":
        unit = 10.0**-digits
    else:
        if value == 0:
            return candidate == 0
        unit = 10.0 ** (math.floor(math.log10(value)) - (digits - 1))
    return abs(candidate - value) <= 0.5 * unit * (1 + 1e-9)


def backing_numbers(notebook: dict) -> tuple[list[float], list[float]]:
    """Every number in the code cells and their text outputs (percentages as fractions), and
    those of them written with a decimal point, which may be percentages already (13.2)."""
    texts = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        texts.append(_source(cell))
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append(_as_text(output["text"]))
            for kind in ("text/plain", "text/markdown"):
                if kind in output.get("data", {}):
                    texts.append(_as_text(output["data"][kind]))
    numbers, decimals = [], []
    for raw in NUMBER.findall("\n".join(texts)):
        value, percent, _ = parse_number(raw)
        numbers.append(value / 100 if percent else value)
        if "." in raw and not percent:
            decimals.append(value)
    return numbers, decimals


def prose(cell: dict) -> str:
    """A markdown cell's text with equations, code, links, comments and dates blanked out."""
    text = _source(cell)
    for pattern in NOT_PROSE:
        text = pattern.sub(" … ", text)
    return text


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of text that holds text[start:end], on one line."""
    boundaries = [m.end() for m in re.finditer(r"[.!?:;]\s|\n\s*\n|\n\s*[-*]\s", text)]
    begin = max([b for b in boundaries if b <= start], default=0)
    finish = min([b for b in boundaries if b >= end], default=len(text))
    return " ".join(text[begin:finish].split())


def unbacked_numbers(notebook: dict, allowed=()) -> list[str]:
    """One line per prose number that no code cell or text output backs: cell, number, sentence."""
    numbers, decimals = backing_numbers(notebook)
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = prose(cell)
        for match in NUMBER.finditer(text):
            raw = match.group(0).strip()
            if not is_claim(raw) or raw in allowed:
                continue
            value, percent, precision = parse_number(raw)
            candidates = numbers
            if percent:
                candidates = [100 * number for number in numbers] + decimals
                candidates += [100 * abs(number - 1) for number in numbers if 0 < number < 2]
            if not any(rounds_to(candidate, value, precision) for candidate in candidates):
                sentence = sentence_around(text, match.start(), match.end())
                found.append(f"cell {index}: {raw!r} in: {sentence}")
    return found


@pytest.mark.parametrize("path", TEACHING, ids=lambda path: path.name)
def test_every_prose_number_is_printed_or_asserted(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    unbacked = unbacked_numbers(notebook, ALLOWED.get(path.name, {}))
    if unbacked:
        pytest.fail(
            f"{path.name} states numbers that no code cell prints or asserts (print or assert "
            "each, or drop it; see this test's docstring):\n" + "\n".join(unbacked),
            pytrace=False,
        )


def allow_list_problems(allowed: dict, notebooks: dict) -> list[str]:
    """What is wrong with an allow-list: unknown notebooks, missing reasons, needless entries."""
    problems = []
    for name, numbers in allowed.items():
        if name not in notebooks:
            problems.append(f"ALLOWED names {name}, which is not a teaching notebook")
            continue
        unbacked = "\n".join(unbacked_numbers(notebooks[name]))
        for raw, reason in numbers.items():
            if len(reason.split()) < 4:
                problems.append(f"{name}: say in a few words why {raw!r} is allowed")
            if f"{raw!r} in:" not in unbacked:
                problems.append(f"{name}: {raw!r} is backed (or gone) now; remove it from ALLOWED")
    return problems


def test_the_allow_list_is_short_reasoned_and_needed():
    notebooks = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in TEACHING}
    assert allow_list_problems(ALLOWED, notebooks) == []
    assert sum(len(numbers) for numbers in ALLOWED.values()) <= 10, "keep the allow-list short"


# The heuristic itself, on small hand-made notebooks.


def _notebook(markdown: str, code: str = "", printed: str | None = None) -> dict:
    cell = nbformat.v4.new_code_cell(code)
    if printed is not None:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown), cell])


def test_a_printed_number_backs_the_prose_at_its_precision():
    notebook = _notebook("The norm is about 92.3, or 92.27 to two decimals.", printed="92.274\n")
    assert unbacked_numbers(notebook) == []


def test_an_asserted_bound_backs_the_prose():
    notebook = _notebook("They agree to 1e-6.", code="assert difference < 1e-6")
    assert unbacked_numbers(notebook) == []


def test_an_unbacked_number_fails_with_its_cell_and_sentence():
    notebook = _notebook("Setup.\n\nThe factor is 0.73 per step. Next.", printed="0.863\n")
    assert unbacked_numbers(notebook) == ["cell 0: '0.73' in: The factor is 0.73 per step."]


def test_rounding_is_at_the_prose_precision_not_looser():
    assert unbacked_numbers(_notebook("about 0.86", printed="0.863")) == []
    assert len(unbacked_numbers(_notebook("about 0.87", printed="0.863"))) == 1
    assert unbacked_numbers(_notebook("about 6e7", printed="5.96e+07")) == []
    assert len(unbacked_numbers(_notebook("about 5e7", printed="5.96e+07"))) == 1


def test_percentages_match_fractions_and_printed_percentages():
    assert unbacked_numbers(_notebook("a share of 74%", printed="share 0.741")) == []
    assert unbacked_numbers(_notebook("a share of 100 %", printed="share: 100%")) == []
    assert unbacked_numbers(_notebook("an error of 13.2 %", printed="MAPE  13.21")) == []
    assert unbacked_numbers(_notebook("9 % above the floor", printed="ratio 1.09")) == []
    assert len(unbacked_numbers(_notebook("a share of 74%", printed="74 windows"))) == 1


def test_dates_equations_code_links_and_versions_are_not_claims():
    markdown = (
        "From 1958-01 to 1960-12, $\\sigma(1) \\approx 0.73$ and\n$$x = 0.5 y$$\n"
        "`lr=0.01`, [notes](v0.2.md), <!-- 3.5 --> Keras 3.12.4, 16 units, section 2."
    )
    assert unbacked_numbers(_notebook(markdown)) == []


def test_allowed_numbers_are_skipped():
    notebook = _notebook("A bound of 0.25.")
    assert len(unbacked_numbers(notebook)) == 1
    assert unbacked_numbers(notebook, {"0.25": "a reason"}) == []


def test_allow_list_problems_are_reported():
    notebooks = {"01_x.ipynb": _notebook("Bounds of 0.25 and 0.5.", printed="0.5")}
    allowed = {
        "01_x.ipynb": {"0.25": "the published figure, cited above", "0.5": "short"},
        "09_gone.ipynb": {"0.1": "a notebook that does not exist"},
    }
    assert allow_list_problems(allowed, notebooks) == [
        "01_x.ipynb: say in a few words why '0.5' is allowed",
        "01_x.ipynb: '0.5' is backed (or gone) now; remove it from ALLOWED",
        "ALLOWED names 09_gone.ipynb, which is not a teaching notebook",
    ]
