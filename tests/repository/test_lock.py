"""The lock is generated: make lock writes constraints.txt and environment.yml, not a person."""

import subprocess
from pathlib import Path

import pytest

from tools import lock

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_files_are_what_make_lock_writes():
    text = (ROOT / "constraints.txt").read_text()
    pins = lock.read_pins(text)
    assert text == lock.constraints_text(pins), "constraints.txt was edited by hand: make lock"
    environment = (ROOT / "environment.yml").read_text()
    assert environment == lock.environment_text(pins), "environment.yml differs: make lock"


def test_lock_covers_the_supported_pythons_and_both_tensorflows():
    assert lock.PYTHONS == ("3.10", "3.11", "3.12")
    pins = lock.read_pins((ROOT / "constraints.txt").read_text())
    assert pins["tensorflow"] == pins["tensorflow-cpu"]
    assert "tensorflow==" not in lock.environment_text(pins)
    assert f"tensorflow-cpu=={pins['tensorflow-cpu']}" in lock.environment_text(pins)


def test_merge_keeps_one_version_per_package():
    merged = lock.merge({"3.10": {"numpy": "2.2.6", "tomli": "2.5.0"}, "3.11": {"numpy": "2.2.6"}})
    assert merged == {"numpy": "2.2.6", "tomli": "2.5.0"}
    with pytest.raises(ValueError, match=r"different versions on different Pythons: numpy: 2.2.6"):
        lock.merge({"3.10": {"numpy": "2.2.6"}, "3.12": {"numpy": "2.3.0"}})


def test_read_pins_ignores_comments_and_markers_and_refuses_ranges():
    text = "# header\nNumPy==2.2.6\nexceptiongroup==1.3.1 ; python_full_version < '3.11'\n\n"
    assert lock.read_pins(text) == {"numpy": "2.2.6", "exceptiongroup": "1.3.1"}
    with pytest.raises(ValueError, match="not an exact pin: 'numpy>=2'"):
        lock.read_pins("numpy>=2\n")


def test_make_lock_runs_the_tool():
    command = subprocess.run(
        ["make", "--no-print-directory", "-n", "lock"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "-c constraints.txt uv" in command and command.rstrip().endswith("-m tools.lock")
