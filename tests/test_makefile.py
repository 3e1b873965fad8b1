"""The README's contract: what the make targets do, read from make's own dry run."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _dry_run(target: str) -> str:
    result = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True
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


def test_test_target_runs_ruff_and_pytest():
    command = _dry_run("test")
    assert "ruff check tutorial_utils tests notebooks" in command
    assert "ruff format --check" in command
    assert "-m pytest" in command
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("exec make test")
