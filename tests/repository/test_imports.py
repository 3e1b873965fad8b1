"""The learner's package stands alone: importing it pulls in no maintainers' tool."""

import ast
import subprocess
import sys
from pathlib import Path

import tutorial_utils

PACKAGE = Path(tutorial_utils.__file__).parent
TOOLS_ONLY = {"nbclient", "nbformat", "psutil", "tomli", "tools"}


def _imported_top_level_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_imports_a_tool_or_its_dependencies():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 20
    offenders = {
        path.relative_to(PACKAGE).as_posix(): sorted(_imported_top_level_names(path) & TOOLS_ONLY)
        for path in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_importing_the_package_loads_no_tool():
    # In a fresh interpreter, so that what pytest or nbval already imported does not count.
    # (psutil is left out: joblib, under scikit-learn, imports it whenever it is installed.)
    watched = sorted(TOOLS_ONLY - {"psutil"})
    code = (
        "import sys, tutorial_utils, tutorial_utils.checks; "
        f"print(sorted(name for name in {watched!r} if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
