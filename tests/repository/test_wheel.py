"""What a learner installs: the wheel holds every module and every data file, and works alone."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Run in a fresh interpreter whose only copy of the package is the installed wheel (PYTHONPATH
# comes first on sys.path); the venv provides the dependencies.
PROBE = """
import importlib, inspect, json, pkgutil, sys
import tutorial_utils as tu
import tutorial_utils.data
modules = [name for _, name, _ in pkgutil.walk_packages(tu.__path__, "tutorial_utils.")]
files = {name: importlib.import_module(name).__file__ for name in ["tutorial_utils", *modules]}
loaded = {}
for name in tu.__all__:
    item = getattr(tu, name)
    if name.startswith("load_") and all(
        p.default is not p.empty for p in inspect.signature(item).parameters.values()
    ):
        loaded[name] = len(item())
print(json.dumps({"files": files, "loaded": loaded}))
"""


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory):
    """Build the wheel from a copy of the sources and install it, without dependencies."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("tutorial_utils", "data"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    # Without build isolation: the venv's pinned setuptools builds it, with no download.
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", folder / "dist", source],
        check=True,
        capture_output=True,
    )
    (wheel,) = (folder / "dist").glob("tutorial_utils-*.whl")
    target = folder / "target"
    subprocess.run([*pip, "install", "--no-deps", "--target", target, wheel], check=True)
    return target


def test_the_wheel_holds_every_module_and_data_file(installed_wheel):
    package = installed_wheel / "tutorial_utils"
    expected = {
        path.relative_to(ROOT / "tutorial_utils")
        for path in (ROOT / "tutorial_utils").rglob("*.py")
    }
    assert {path.relative_to(package) for path in package.rglob("*.py")} >= expected
    data_files = {path.name for path in (ROOT / "data").iterdir() if path.is_file()}
    assert {
        "airline_passengers.csv",
        "bikeshare_2011_hourly.csv",
        "README.md",
        "__init__.py",
    } <= data_files
    assert {path.name for path in (package / "data").iterdir() if path.is_file()} == data_files


def test_the_installed_wheel_imports_and_loads_every_data_set(installed_wheel, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,  # not the repository, whose folders must not be found instead
        env={**os.environ, "PYTHONPATH": str(installed_wheel)},
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    outside = [
        name for name, file in report["files"].items() if not file.startswith(str(installed_wheel))
    ]
    assert outside == [], "imported from outside the wheel"
    assert {"tutorial_utils.checks", "tutorial_utils.data", "tutorial_utils.datasets"} <= set(
        report["files"]
    )
    assert report["loaded"]["load_airline"] == 144
    assert report["loaded"]["load_bikeshare"] == 8760
    assert not any(name.startswith(("tools", "tutorial_utils.bench")) for name in report["files"])
