"""The benchmark harness: time, memory and forecast accuracy of the whole series in one command.

Run ``make bench`` or ``python -m tools.bench [--only PART] [--fast]`` from the repository's
root. It reports; it never fails on a slow machine. Results go to ``benchmarks/results.json`` and
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
import pandas as pd
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("notebooks", "sine", "airline", "demand", "intervals")
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


def bench_sine(seeds: Sequence[int]) -> dict:
    """Notebook 04's protocol on the noisy sine, once per seed: one-step and free-running RMSE.

    Uses ``tu.run_sine_experiment`` (the notebook's own code). Every
    number is a test RMSE in original units over the last 20 % of the series; one step ahead
    with true inputs unless named ``free_running`` (recursive from the last training window).
    """
    import tutorial_utils as tu

    results = tu.run_over_seeds(tu.run_sine_experiment, seeds)
    spread = tu.mean_sd(results)
    summary = {"protocol": "noisy sine, 80/20 split, window 50, test RMSE", "seeds": list(seeds)}
    for column, key in [
        ("lstm", "lstm_rmse"),
        ("lstm_free", "lstm_free_running_rmse"),
        ("persistence", "persistence_rmse"),
        ("linear_ar", "linear_ar_rmse"),
        ("linear_ar_free", "linear_ar_free_running_rmse"),
        ("noise_floor", "noise_floor_rmse"),
    ]:
        mean, sd = spread.loc[column, "mean"], spread.loc[column, "sd"]
        summary[f"{key}_mean"], summary[f"{key}_sd"] = round(mean, 4), round(sd, 4)
    return summary


AIRLINE_PROTOCOL = "train 1949-01..1957-12, horizon 36"
AIRLINE_METRICS = ("rmse", "mae", "mape", "mase")


def bench_airline(seeds: Sequence[int]) -> dict:
    """Notebook 05's headline protocol: train 1949-01..1957-12, forecast 1958-1960, no refit.

    The LSTM is ``tu.LSTMForecaster`` with its defaults, once per seed, and the mean of those
    forecasts (the ensemble); the baselines are the package's own. Metrics in passengers.
    """
    import tutorial_utils as tu

    airline = tu.load_airline()
    train, test = airline[:108], airline[108:]

    def score(forecast: pd.Series) -> dict[str, float]:
        # Stored unrounded (to 1e-9), so that the tables round once, as notebook 05 does.
        row = tu.evaluate_forecast(test, forecast, train, season_length=12).iloc[0]
        return {name: round(float(value), 9) for name, value in row.items()}

    forecasts = {}
    for seed in seeds:
        start = time.perf_counter()
        forecasts[seed] = tu.LSTMForecaster(seed=seed).fit(train).predict(len(test))
        print(f"airline LSTM seed {seed}: {time.perf_counter() - start:.1f} s")
    per_seed = [score(forecast) for forecast in forecasts.values()]
    summary: dict = {"protocol": AIRLINE_PROTOCOL, "seeds": list(seeds)}
    spread = tu.mean_sd(pd.DataFrame(per_seed))
    for metric in AIRLINE_METRICS:
        mean, sd = spread.loc[metric, "mean"], spread.loc[metric, "sd"]
        summary[f"lstm_{metric}_mean"], summary[f"lstm_{metric}_sd"] = round(mean, 9), round(sd, 9)
    ensemble = score(pd.concat(forecasts.values(), axis=1).mean(axis=1))
    summary["lstm_ensemble_mape"] = ensemble["mape"]
    summary["lstm_ensemble"] = ensemble
    horizon = len(test)
    summary["baselines"] = {
        "naive": score(tu.naive_forecast(train, horizon)),
        "seasonal naive": score(tu.seasonal_naive_forecast(train, horizon)),
        "seasonal naive + drift": score(tu.seasonal_naive_forecast(train, horizon, drift=True)),
        "drift": score(tu.drift_forecast(train, horizon)),
        "Holt-Winters": score(tu.holt_winters_forecast(train, horizon)),
        "SARIMA (airline model)": score(tu.sarima_forecast(train, horizon)),
    }
    return summary


INTERVALS_PROTOCOL = (
    "airline, train 1949-01..1957-12, horizon 36; split conformal calibrated on the last 54 "
    "training months"
)
INTERVAL_LEVELS = (0.8, 0.95)


def bench_intervals(seeds: Sequence[int]) -> dict:
    """Notebook 07's split conformal intervals on the airline protocol, once per seed.

    ``tu.LSTMForecaster(seed=seed, calibration_size=54)`` fitted on 1949-1957, then
    ``predict(36, coverage=level)``: the coverage (%), mean width and interval score on
    1958-1960 at each level, per seed and as mean ± sd.
    """
    import tutorial_utils as tu

    airline = tu.load_airline()
    train, test = airline[:108], airline[108:]
    per_seed: dict[str, list[float]] = {}
    for seed in seeds:
        start = time.perf_counter()
        forecaster = tu.LSTMForecaster(seed=seed, calibration_size=54).fit(train)
        for level in INTERVAL_LEVELS:
            frame = forecaster.predict(len(test), coverage=level)
            lower, upper = frame["lower"], frame["upper"]
            scores = {
                "coverage": 100 * tu.coverage(test, lower, upper),
                "width": tu.mean_width(lower, upper),
                "score": tu.interval_score(test, lower, upper, level),
            }
            for name, value in scores.items():
                per_seed.setdefault(f"conformal_{name}_{round(100 * level)}", []).append(
                    round(value, 3)
                )
        print(f"intervals seed {seed}: {time.perf_counter() - start:.1f} s")
    summary: dict = {"protocol": INTERVALS_PROTOCOL, "seeds": list(seeds), "per_seed": per_seed}
    spread = tu.mean_sd(pd.DataFrame(per_seed))
    for key in per_seed:
        summary[f"{key}_mean"] = round(spread.loc[key, "mean"], 3)
        summary[f"{key}_sd"] = round(spread.loc[key, "sd"], 3)
    return summary


DEMAND_PROTOCOL = (
    "bike-share 2011, forecast each midnight the next 24 h from the past 168 h; fit Jan-Aug, "
    "score Sep-Oct (validation); refit Jan-Oct, score Nov-Dec (test); observed next-day weather"
)


def bench_demand(seeds: Sequence[int]) -> dict:
    """Notebook 06's table: every model on the validation and the test part, LSTMs per seed.

    Baselines, Ridge and gradient boosting are deterministic and run once; each LSTM of
    ``tu.demand.LSTM_VARIANTS`` runs once per seed. Metrics in riders (MASE: season 168, scaled
    on the data the model was fitted on).
    """
    import tutorial_utils as tu
    from tutorial_utils import demand

    frame = tu.load_bikeshare()
    windows = tu.make_demand_windows(frame)
    stages = {"validation": "train", "test": "train+validation"}
    summary: dict = {"protocol": DEMAND_PROTOCOL, "seeds": list(seeds)}
    for part, fit_part in stages.items():
        end = demand.PART_STARTS[part]
        scale = demand.seasonal_mae_scale(
            frame.loc[: pd.Timestamp(end) - pd.Timedelta(hours=1), "bikers"]
        )
        positions = windows.part(part)
        y = windows.y[positions]
        forecasts = {
            "same hour yesterday": windows.x_past[positions, -24:, 0],
            "same hour last week": windows.x_past[positions, :24, 0],
            "Ridge": demand.tabular_forecast("ridge", windows, fit_part, part),
            "gradient boosting": demand.tabular_forecast("boosting", windows, fit_part, part),
        }
        if part == "test":
            for group in demand.FEATURE_GROUPS:
                forecasts[f"gradient boosting, no {group}"] = demand.tabular_forecast(
                    "boosting", windows, fit_part, part, drop=(group,)
                )
        rows = {}
        for name, forecast in forecasts.items():
            scores = demand.demand_scores(y, forecast, scale)
            rows[name] = {f"{metric}_mean": round(value, 3) for metric, value in scores.items()}
        variants = demand.LSTM_VARIANTS
        if part == "validation":
            variants = {name: variants[name] for name in list(variants)[:2]}
        for name, (drop, future_weather) in variants.items():
            per_seed = []
            for seed in seeds:
                start = time.perf_counter()
                forecast = demand.lstm_forecast(windows, fit_part, part, seed, drop, future_weather)
                per_seed.append(demand.demand_scores(y, forecast, scale))
                print(f"{part} {name} seed {seed}: {time.perf_counter() - start:.1f} s")
            table = pd.DataFrame(per_seed)
            rows[name] = {
                **{f"{metric}_mean": round(float(table[metric].mean()), 3) for metric in table},
                **{f"{metric}_sd": round(float(table[metric].std(ddof=1)), 3) for metric in table},
                "mae_per_seed": [round(float(value), 3) for value in table["mae"]],
            }
        summary[part] = {"num_days": len(positions), "mase_scale": round(scale, 3), "models": rows}
    return summary


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


def _measured(machine: dict) -> str:
    packages = ", ".join(f"{k} {v}" for k, v in machine.get("packages", {}).items())
    return (
        f"Measured {machine.get('date', '?')} on {machine.get('cpu_model', '?')}, "
        f"{machine.get('cpu_count', '?')} cores, {machine.get('memory_gb', '?')} GB, "
        f"Python {machine.get('python', '?')}; {packages}."
    )


def _markdown(results: dict) -> str:
    machines = results.get("machines", {})
    if machines:
        header = "Each part names the machine it was measured on. Regenerate with `make bench`."
    else:
        header = f"{_measured(results.get('machine', {}))} Regenerate with `make bench`."
    lines = ["# Benchmark results", "", header]

    def measured_on(part: str) -> list[str]:
        return ["", _measured(machines[part])] if part in machines else []

    if "notebooks" in results:
        total = sum(row["seconds"] for row in results["notebooks"].values())
        lines += [
            "",
            "## Notebooks (fresh kernel each, one after another)",
            *measured_on("notebooks"),
            "",
            "| notebook | wall time (s) | peak memory (MB) |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {name} | {row['seconds']:.1f} | {row['peak_rss_mb']:.0f} |"
            for name, row in results["notebooks"].items()
        ]
        lines.append(f"| **all** | **{total:.1f}** | |")
    if "sine" in results:
        sine = results["sine"]
        lines += [
            "",
            f"## Noisy sine ({sine['protocol']}, seeds {sine['seeds']})",
            *measured_on("sine"),
            "",
            "| forecast | test RMSE, mean ± sd |",
            "|---|---:|",
        ]
        for key, label in [
            ("lstm_rmse", "LSTM, one step"),
            ("linear_ar_rmse", "linear autoregression, one step"),
            ("persistence_rmse", "persistence, one step"),
            ("noise_floor_rmse", "noise floor (clean sin t), one step"),
            ("lstm_free_running_rmse", "LSTM, free-running over the test part"),
            ("linear_ar_free_running_rmse", "linear AR, free-running over the test part"),
        ]:
            lines.append(f"| {label} | {sine[key + '_mean']:.4f} ± {sine[key + '_sd']:.4f} |")
    if "airline" in results:
        airline = results["airline"]
        lines += [
            "",
            f"## Airline passengers ({airline['protocol']}, seeds {airline['seeds']})",
            *measured_on("airline"),
            "",
            "As notebook 05 prints them: every metric rounded once, to two decimals.",
            "",
            "| forecast | RMSE | MAE | MAPE % | MASE |",
            "|---|---:|---:|---:|---:|",
        ]
        spread = " | ".join(
            f"{airline[f'lstm_{metric}_mean']:.2f} ± {airline[f'lstm_{metric}_sd']:.2f}"
            for metric in AIRLINE_METRICS
        )
        rows = {
            **airline["baselines"],
            "LSTMForecaster, ensemble of the seeds": airline["lstm_ensemble"],
        }
        for name, row in rows.items():
            lines.append(
                f"| {name} | " + " | ".join(f"{row[m]:.2f}" for m in AIRLINE_METRICS) + " |"
            )
        lines.append(f"| LSTMForecaster, mean ± sd over seeds | {spread} |")
    if "demand" in results:
        demand = results["demand"]
        lines += [
            "",
            f"## Bike-share demand ({demand['protocol']}, seeds {demand['seeds']})",
            *measured_on("demand"),
        ]
        for part in ("validation", "test"):
            lines += [
                "",
                f"{part.capitalize()}, {demand[part]['num_days']} days (LSTMs: mean ± sd over "
                "seeds):",
                "",
                "| model | MAE | RMSE | MASE |",
                "|---|---:|---:|---:|",
            ]
            for name, row in demand[part]["models"].items():
                cells = [
                    f"{row[metric + '_mean']:.{digits}f}"
                    + (f" ± {row[metric + '_sd']:.{digits}f}" if metric + "_sd" in row else "")
                    for metric, digits in (("mae", 1), ("rmse", 1), ("mase", 3))
                ]
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if "intervals" in results:
        intervals = results["intervals"]
        lines += [
            "",
            f"## Prediction intervals ({intervals['protocol']}, seeds {intervals['seeds']})",
            *measured_on("intervals"),
            "",
            "| split conformal LSTM, mean ± sd | coverage % | mean width | interval score |",
            "|---|---:|---:|---:|",
        ]
        for level in INTERVAL_LEVELS:
            cells = [
                f"{intervals[f'conformal_{name}_{round(100 * level)}_mean']:.1f} ± "
                f"{intervals[f'conformal_{name}_{round(100 * level)}_sd']:.1f}"
                for name in ("coverage", "width", "score")
            ]
            lines.append(f"| nominal {level:.0%} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


README_START = "<!-- performance: generated by 'make bench' from benchmarks/results.md -->"
README_END = "<!-- end of performance -->"


def write_results(results: dict, output_dir: Path, readme: Path | None = None) -> None:
    """Merge ``results`` into ``results.json`` in ``output_dir`` and rewrite ``results.md``.

    Parts present in ``results`` replace the stored ones; the others are kept, each with the
    machine it was measured on (``"machines"``: part -> ``machine_info()``; a part stored
    before that record existed keeps the top-level ``"machine"``). When ``readme`` is given,
    its block between ``README_START`` and ``README_END`` becomes the new tables.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    json_path = output_dir / "results.json"
    stored = json.loads(json_path.read_text()) if json_path.is_file() else {}
    machines = dict(stored.get("machines", {}))
    if "machine" in stored:
        for part in PARTS:
            if part in stored:
                machines.setdefault(part, stored["machine"])
    machines.update(results.get("machines", {}))
    stored.update(results)
    if machines:
        stored["machines"] = machines
    json_path.write_text(json.dumps(stored, indent=2) + "\n")
    markdown = _markdown(stored)
    (output_dir / "results.md").write_text(markdown)
    if readme is not None:
        text = readme.read_text()
        if README_START not in text or README_END not in text:
            raise ValueError(f"{readme} has no block between {README_START!r} and {README_END!r}")
        before, rest = text.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        tables = markdown.split("\n", 2)[2].replace("\n## ", "\n### ")
        readme.write_text(f"{before}{README_START}\n{tables}{README_END}{after}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m tools.bench``."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--only", choices=PARTS, help="run and update only this part")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="a quick look: teaching notebooks only, seeds 0-1 instead of 0-4",
    )
    parser.add_argument("--output-dir", type=Path, default=ROOT / "benchmarks")
    args = parser.parse_args(argv)
    # As in every notebook's first cell: quiet TensorFlow before the forecasting parts import it.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    parts = [args.only] if args.only else list(PARTS)
    seeds = [0, 1] if args.fast else [0, 1, 2, 3, 4]
    machine = machine_info()
    results: dict = {"machine": machine, "machines": dict.fromkeys(parts, machine)}
    if "notebooks" in parts:
        paths = notebook_paths()
        if args.fast:
            paths = [path for path in paths if path.parent.name == "notebooks"]
        results["notebooks"] = bench_notebooks(paths)
    if "sine" in parts:
        results["sine"] = bench_sine(seeds)
    if "airline" in parts:
        results["airline"] = bench_airline(seeds)
    if "demand" in parts:
        results["demand"] = bench_demand(seeds)
    if "intervals" in parts:
        results["intervals"] = bench_intervals(seeds)
    readme = ROOT / "README.md" if args.output_dir == ROOT / "benchmarks" else None
    write_results(results, args.output_dir, readme=readme)
    print(f"wrote {args.output_dir / 'results.json'} and {args.output_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
