"""The benchmark harness: time, memory and forecast accuracy of the whole series in one command.

Run ``make bench`` or ``python -m tutorial_utils.bench [--only PART] [--fast]``. It reports; it
never fails on a slow machine. Results go to ``benchmarks/results.json`` and
``benchmarks/results.md``; ``--only`` updates that part and keeps the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import threading
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "tensorflow-cpu",
    "tensorflow",
    "keras",
    "numpy",
    "pandas",
    "scikit-learn",
    "statsmodels",
)


class _PeakMemory:
    """Poll the resident memory of this process's children (the kernel's process tree)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:  # the process ended between listing and reading
                    continue
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


def run_notebook(path: str | Path, timeout: int = 900) -> dict[str, float]:
    """Execute a notebook in a fresh kernel, top to bottom, without writing it back.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.ipynb`` file; it runs with its own folder as the working directory.
    timeout : int, default 900
        Seconds any one cell may take.

    Returns
    -------
    dict
        ``{"seconds": wall time, "peak_rss_mb": peak resident memory of the kernel's process
        tree in MiB}``.
    """
    path = Path(path)
    if not path.is_file() or path.suffix != ".ipynb":
        raise FileNotFoundError(f"no notebook at {path}")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    with _PeakMemory() as memory:
        client.execute()
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "peak_rss_mb": round(memory.peak_bytes / 2**20, 1),
    }


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """List every notebook of the series: teaching notebooks, then exercises, then solutions."""
    folder = root / "notebooks"
    return [
        path
        for pattern in ("*.ipynb", "exercises/*.ipynb", "solutions/*.ipynb")
        for path in sorted(folder.glob(pattern))
    ]


def bench_notebooks(paths: Sequence[Path], progress: Callable[[str], None] = print) -> dict:
    """Run each notebook in a fresh kernel, one after another, and record time and memory."""
    results = {}
    for number, path in enumerate(paths, start=1):
        progress(f"[{number}/{len(paths)}] {path.name} ...")
        results[path.name] = run_notebook(path)
        progress(
            f"[{number}/{len(paths)}] {path.name}: {results[path.name]['seconds']:.1f} s, "
            f"{results[path.name]['peak_rss_mb']:.0f} MB"
        )
    return results


def machine_info() -> dict:
    """Describe the machine and the package versions a result is measured with."""
    cpu_model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "cpu_model": cpu_model,
        "cpu_count": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }


def _markdown(results: dict) -> str:
    machine = results.get("machine", {})
    lines = [
        "# Benchmark results",
        "",
        f"Measured {machine.get('date', '?')} on {machine.get('cpu_model', '?')}, "
        f"{machine.get('cpu_count', '?')} cores, {machine.get('memory_gb', '?')} GB, "
        f"Python {machine.get('python', '?')}; "
        + ", ".join(f"{k} {v}" for k, v in machine.get("packages", {}).items())
        + ". Regenerate with `make bench`.",
    ]
    if "notebooks" in results:
        total = sum(row["seconds"] for row in results["notebooks"].values())
        lines += [
            "",
            "## Notebooks (fresh kernel each, one after another)",
            "",
            "| notebook | wall time (s) | peak memory (MB) |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {name} | {row['seconds']:.1f} | {row['peak_rss_mb']:.0f} |"
            for name, row in results["notebooks"].items()
        ]
        lines.append(f"| **all** | **{total:.1f}** | |")
    return "\n".join(lines) + "\n"


def write_results(results: dict, output_dir: Path) -> None:
    """Merge ``results`` into ``results.json`` in ``output_dir`` and rewrite ``results.md``.

    Parts present in ``results`` replace the stored ones; the others are kept.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    json_path = output_dir / "results.json"
    stored = json.loads(json_path.read_text()) if json_path.is_file() else {}
    stored.update(results)
    json_path.write_text(json.dumps(stored, indent=2) + "\n")
    (output_dir / "results.md").write_text(_markdown(stored))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m tutorial_utils.bench``."""
    parser = argparse.ArgumentParser(prog="python -m tutorial_utils.bench", description=__doc__)
    parser.add_argument("--only", choices=["notebooks"], help="run and update only this part")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "benchmarks")
    args = parser.parse_args(argv)
    parts = [args.only] if args.only else ["notebooks"]
    results: dict = {"machine": machine_info()}
    if "notebooks" in parts:
        results["notebooks"] = bench_notebooks(notebook_paths())
    write_results(results, args.output_dir)
    print(f"wrote {args.output_dir / 'results.json'} and {args.output_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
