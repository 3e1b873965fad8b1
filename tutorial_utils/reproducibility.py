"""Reproducible runs: seed every generator, name the library versions, repeat over seeds.

Introduced in notebook 00 (the Setup cell) and notebook 01 (results over seeds).

Vocabulary
----------
seed
    The integer that fixes every random draw of a run; the default seed of every function in
    this package is 0.
seed everything
    Seed Python's ``random``, NumPy's global generator and Keras with its backend in one call,
    :func:`seed_everything`, so the same seed gives the same initial weights, batch order and
    draws.
library versions
    What a result was computed with: :func:`library_versions`, shown by every notebook's Setup
    cell.
mean ± sd
    A result that depends on the seed is reported over several seeds as the mean and the
    sample standard deviation (``ddof=1``): :func:`run_over_seeds`, then :func:`mean_sd`.
"""

from __future__ import annotations

import importlib
import platform
import time
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from ._validation import check_seed


def seed_everything(seed: int = 0) -> None:
    """Seed Python, NumPy and Keras (with its backend) with one integer.

    Every notebook calls this once in its Setup section (``keras.utils.set_random_seed``). Two
    calls with the same seed make the same Keras weight initialisers and the same random draws.

    Parameters
    ----------
    seed : int, default 0
        The seed for ``random``, ``numpy.random`` and the Keras backend (>= 0).
    """
    seed = check_seed(seed)
    import keras  # imported here so that importing tutorial_utils stays light

    keras.utils.set_random_seed(seed)


def library_versions() -> dict[str, str]:
    """Return the versions of Python and of the libraries the notebooks' results depend on.

    Returns
    -------
    dict of str to str
        Versions of Python, NumPy, pandas, scikit-learn, statsmodels, Keras and the Keras
        backend, plus the backend's name under ``"backend"``.
    """
    import keras
    import sklearn
    import statsmodels

    backend = keras.backend.backend()
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scikit-learn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "keras": keras.__version__,
        "backend": backend,
        backend: importlib.import_module(backend).__version__,
    }


def run_over_seeds(
    experiment: Callable[[int], Mapping[str, float]],
    seeds: Iterable[int] = range(5),
    progress: bool = True,
) -> pd.DataFrame:
    """Run ``experiment(seed)`` once per seed, each after ``seed_everything(seed)``.

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
        seed_everything(seed)
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
        One row per seed, one column per metric, as returned by :func:`run_over_seeds`.

    Returns
    -------
    pandas.DataFrame
        One row per metric with columns ``mean``, ``sd`` (ddof=1; 0 for a single seed) and
        ``mean ± sd``: a string giving the sd to 2 significant digits and the mean to the same
        number of decimals ("0.0092 ± 0.0023", "1.0300 ± 0.0059", "54 ± 26"); with sd 0, the mean
        to 4 significant digits ("2 ± 0").
    """
    if not isinstance(results, pd.DataFrame) or results.empty:
        raise ValueError("results must be a non-empty DataFrame, one row per seed")
    summary = pd.DataFrame({"mean": results.mean(), "sd": results.std(ddof=1).fillna(0.0)})
    summary["mean ± sd"] = [
        _format_mean_sd(mean, sd) for mean, sd in zip(summary["mean"], summary["sd"], strict=True)
    ]
    return summary


def _format_mean_sd(mean: float, sd: float) -> str:
    """``mean ± sd`` with the sd to 2 significant digits and the mean to the same decimals."""
    if sd == 0 or not np.isfinite(sd):
        return f"{mean:.4g} ± {sd:g}"
    decimals = max(0, 1 - int(np.floor(np.log10(sd))))
    return f"{mean:.{decimals}f} ± {sd:.{decimals}f}"
