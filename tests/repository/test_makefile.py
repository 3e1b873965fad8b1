"""The README's contract: what the make targets do, read from make's own dry run."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = sorted((ROOT / "tests").rglob("test_*.py"))


def _dry_run(target: str) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_lab_listens_on_localhost_with_a_token_and_opens_the_index():
    command = _dry_run("lab")
    assert "jupyter lab --ServerApp.ip=127.0.0.1" in command
    assert "default_url=/lab/tree/notebooks/00_index.ipynb" in command
    for unsafe in ("token=''", 'token=""', "token= ", "0.0.0.0", "--ip=*", "password="):
        assert unsafe not in command


def test_install_is_up_to_date_after_set_up():
    # make test and make lab run the set-up first, so by now a second one has nothing to do.
    status = subprocess.run(["make", "-q", "install"], cwd=ROOT, capture_output=True)
    assert status.returncode == 0, "the set-up stamp is missing or stale: run 'make install'"


def test_test_target_runs_ruff_and_every_layer():
    command = _dry_run("test")
    assert "ruff check tutorial_utils data tools tests notebooks" in command
    assert "ruff format --check tutorial_utils data tools tests notebooks" in command
    assert "-m pytest tests notebooks" in command
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("exec make test")


def test_fast_target_runs_the_three_layers_without_notebooks():
    command = _dry_run("test-fast")
    assert "ruff check" in command
    assert command.rstrip().endswith("-m pytest tests --ignore=tests/course")


def test_each_layer_has_a_target_and_a_folder():
    for layer in ("unit", "checks", "repository", "course"):
        assert _dry_run(f"test-{layer}").rstrip().endswith(f"-m pytest tests/{layer}")
        assert sorted((ROOT / "tests" / layer).glob("test_*.py")), f"tests/{layer} is empty"
    assert _dry_run("test-notebooks").rstrip().endswith("-m pytest notebooks")
    # Every test file sits in one of the layers, so the layers together are all the tests.
    folders = {path.parent.relative_to(ROOT / "tests").as_posix() for path in TESTS}
    assert folders == {"unit", "checks", "repository", "course"}


def test_maintainers_tools_run_from_tools():
    for target in ("bench", "exercises", "navigation"):
        assert f"-m tools.{target}" in _dry_run(target)
