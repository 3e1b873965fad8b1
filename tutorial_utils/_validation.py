"""Input checks shared by the package: clear messages that say what was wrong and what to do."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def as_finite_array(values: ArrayLike, name: str, max_ndim: int = 2) -> np.ndarray:
    """Return ``values`` as a float64 array after checking it is numeric, non-empty and finite.

    Parameters
    ----------
    values : array_like
        The input to check, of shape ``(T,)`` or, when ``max_ndim`` allows, ``(T, F)``.
    name : str
        The parameter name used in error messages.
    max_ndim : int
        The largest number of dimensions accepted.

    Returns
    -------
    numpy.ndarray
        ``values`` as float64, same shape.
    """
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold numbers (int or float), got dtype {array.dtype}; "
            "convert it with pd.to_numeric or np.asarray(..., dtype=float) first"
        )
    if array.ndim == 0 or array.ndim > max_ndim:
        expected = {1: "1-D (T,)", 2: "1-D (T,) or 2-D (T, num_features)"}.get(
            max_ndim, f"an array of 1 to {max_ndim} dimensions"
        )
        raise ValueError(f"{name} must be {expected}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value")
    array = array.astype(np.float64, copy=False)
    finite = np.isfinite(array)
    if not finite.all():
        first = tuple(int(i) for i in np.argwhere(~finite)[0])
        position = first[0] if len(first) == 1 else first
        raise ValueError(
            f"{name} contains NaN or infinite values (first at index {position}); "
            "fill or drop them before windowing, scaling or scoring"
        )
    return array


def check_positive_int(value: object, name: str) -> int:
    """Return ``value`` if it is an integer >= 1, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def check_positive_number(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number > 0, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number, got {type(value).__name__} {value!r}; pass e.g. {name}=0.01"
        )
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return float(value)


def check_fraction(value: object, name: str, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it lies in (0, 1), or [0, 1) with ``allow_zero``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number between 0 and 1, got {type(value).__name__} {value!r}"
        )
    low_ok = value >= 0 if allow_zero else value > 0
    if not (low_ok and value < 1):
        interval = "[0, 1)" if allow_zero else "(0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {value}")
    return float(value)


def check_regular_series(
    series: object, name: str = "series", min_length: int = 1
) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """Check that ``series`` is a pd.Series of finite numbers on regularly spaced dates.

    Parameters
    ----------
    series : object
        The input to check; it must be a ``pd.Series`` with a ``DatetimeIndex``.
    name : str
        The parameter name used in error messages.
    min_length : int
        The fewest values accepted.

    Returns
    -------
    values : numpy.ndarray
        float64, shape ``(T,)``.
    index : pandas.DatetimeIndex
        The dates, shape ``(T,)``, with their frequency set (e.g. ``freq="MS"``).
    """
    example = "pd.Series(values, index=pd.date_range('1949-01-01', periods=len(values), freq='MS'))"
    if not isinstance(series, pd.Series):
        raise TypeError(
            f"{name} must be a pandas Series with a DatetimeIndex, got {type(series).__name__}; "
            f"wrap your values, e.g. {example}"
        )
    if not isinstance(series.index, pd.DatetimeIndex):
        raise TypeError(
            f"{name} must have a DatetimeIndex of dates, got {type(series.index).__name__}; "
            f"set one, e.g. {example}"
        )
    if series.isna().any():
        first = series.index[int(np.flatnonzero(series.isna().to_numpy())[0])]
        raise ValueError(
            f"{name} has NaN values (the first on {first}); fill them first, "
            f"e.g. {name}.interpolate()"
        )
    values = as_finite_array(series.to_numpy(), name, max_ndim=1)
    if values.size < min_length:
        raise ValueError(f"{name} needs at least {min_length} values, got {values.size}")
    index = series.index
    if index.hasnans:
        raise ValueError(f"{name} has missing dates (NaT) in its index; drop or fill them")
    if not index.is_monotonic_increasing or index.has_duplicates:
        raise ValueError(
            f"{name}'s dates must be increasing with no duplicates; sort them with "
            f"{name}.sort_index() and remove repeated dates"
        )
    freq = index.freq
    if freq is None and index.size >= 3:
        freq = pd.infer_freq(index)
    if freq is None:
        # The spacing of the first three dates in a row that are evenly spaced, if any.
        candidates = (pd.infer_freq(index[k : k + 3]) for k in range(index.size - 2))
        spacing = next((candidate for candidate in candidates if candidate), None)
        if spacing is None:
            raise ValueError(
                f"cannot tell how {name}'s dates are spaced; give it a regular index with its "
                f"frequency set, e.g. {name}.asfreq('MS') for monthly data"
            )
        expected = pd.date_range(index[0], periods=index.size, freq=spacing)
        gap = int(np.flatnonzero(index != expected)[0])
        raise ValueError(
            f"{name}'s dates are not evenly spaced: after {index[gap - 1].date()} comes "
            f"{index[gap].date()}, expected {expected[gap].date()}; is a date missing? "
            f"Reindex with {name}.asfreq('{spacing}') and fill the gaps"
        )
    return values, pd.DatetimeIndex(index, freq=freq)


def future_index(index: pd.DatetimeIndex, horizon: int) -> pd.DatetimeIndex:
    """Return the ``horizon`` dates that follow ``index``, at its frequency."""
    return pd.date_range(index[-1], periods=horizon + 1, freq=index.freq)[1:]


def check_seed(seed: object) -> int:
    """Return ``seed`` if it is an integer >= 0, else raise a clear error."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {type(seed).__name__} {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be 0 or more, got {seed}")
    return int(seed)
