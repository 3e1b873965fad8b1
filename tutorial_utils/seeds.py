"""Repeat an experiment over seeds and report mean ± sd. Introduced in notebook 01."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from .seeding import setup


def run_over_seeds(
    experiment: Callable[[int], Mapping[str, float]],
    seeds: Iterable[int] = range(5),
    progress: bool = True,
) -> pd.DataFrame:
    """Run ``experiment(seed)`` once per seed, each after ``setup(seed)``, and collect the results.

    Parameters
    ----------
    experiment : callable
        Takes a seed and returns a mapping of metric name to number, e.g. ``{"rmse": 0.1}``.
    seeds : iterable of int, default range(5)
        The seeds to run.
    progress : bool, default True
        Print one line per seed with its time, so a long run shows it is alive.

    Returns
    -------
    pandas.DataFrame
        One row per seed (index ``seed``), one column per metric.
    """
    if not callable(experiment):
        raise TypeError(f"experiment must be a function of the seed, got {experiment!r}")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds is empty; pass at least one seed, e.g. range(5)")
    rows = []
    for number, seed in enumerate(seeds, start=1):
        start = time.perf_counter()
        setup(seed)
        result = experiment(seed)
        if not isinstance(result, Mapping):
            raise TypeError(
                f"experiment({seed}) returned {type(result).__name__}; return a dict of metrics"
            )
        rows.append(dict(result))
        if progress:
            print(
                f"seed {seed} ({number}/{len(seeds)}) done in {time.perf_counter() - start:.1f} s"
            )
    return pd.DataFrame(rows, index=pd.Index(seeds, name="seed"))


def mean_sd(results: pd.DataFrame) -> pd.DataFrame:
    """Summarise per-seed results as mean, sample standard deviation and a ``mean ± sd`` label.

    Parameters
    ----------
    results : pandas.DataFrame
        One row per seed, as returned by :func:`run_over_seeds`.

    Returns
    -------
    pandas.DataFrame
        One row per metric with columns ``mean``, ``sd`` (ddof=1; 0 for a single seed) and
        ``mean ± sd`` (a string with 4 significant digits).
    """
    if not isinstance(results, pd.DataFrame) or results.empty:
        raise ValueError("results must be a non-empty DataFrame, one row per seed")
    summary = pd.DataFrame({"mean": results.mean(), "sd": results.std(ddof=1).fillna(0.0)})
    summary["mean ± sd"] = [
        f"{mean:.4g} ± {sd:.2g}" for mean, sd in zip(summary["mean"], summary["sd"], strict=True)
    ]
    return summary
