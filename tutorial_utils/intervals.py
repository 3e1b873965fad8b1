"""Prediction intervals and how to score them. Introduced in notebook 07.

An interval forecast gives, for each future value, a ``lower`` and an ``upper`` bound meant to
hold the actual value with probability ``coverage`` (e.g. 0.8 or 0.95, the *nominal* coverage).
It is judged on data nothing was fitted on by its *empirical* coverage (the share of actual
values inside), its mean width (narrower is more useful, if the coverage holds) and the interval
(Winkler) score, which adds a penalty for every miss to the width.

Vocabulary
----------
coverage
    The nominal probability that an interval holds the actual value, in (0, 1); its
    complement ``alpha = 1 - coverage`` is the allowed share of misses.
quantile
    A level in (0, 1) of a quantile forecast: 0.1 and 0.9 bound a central 80 % interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array, check_fraction
from .metrics import _pair


def _bounds(
    y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    true = as_finite_array(y_true, "y_true").ravel()
    low = as_finite_array(lower, "lower").ravel()
    high = as_finite_array(upper, "upper").ravel()
    if not true.size == low.size == high.size:
        raise ValueError(
            f"y_true, lower and upper must have the same number of values, got {true.size}, "
            f"{low.size} and {high.size}; align the interval with the actual values first"
        )
    _check_ordered(low, high)
    return true, low, high


def _check_ordered(low: np.ndarray, high: np.ndarray) -> None:
    crossed = np.flatnonzero(low > high)
    if crossed.size:
        first = int(crossed[0])
        raise ValueError(
            f"lower must not exceed upper, but at index {first} lower={low[first]:g} > "
            f"upper={high[first]:g} ({crossed.size} such values); "
            "did you swap the bounds or let quantiles cross?"
        )


def coverage(y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """Return the empirical coverage: the share of actual values inside ``[lower, upper]``.

    Parameters
    ----------
    y_true, lower, upper : array_like
        Actual values and the interval's bounds, the same number of each (any shape;
        flattened); ``lower <= upper`` everywhere.

    Returns
    -------
    float
        In [0, 1]; a bound equal to the actual value counts as inside.
    """
    true, low, high = _bounds(y_true, lower, upper)
    return float(np.mean((low <= true) & (true <= high)))


def mean_width(lower: ArrayLike, upper: ArrayLike) -> float:
    """Return the mean width ``upper - lower`` of an interval forecast, in the data's units.

    Parameters
    ----------
    lower, upper : array_like
        The bounds, the same number of each (any shape; flattened); ``lower <= upper``.

    Returns
    -------
    float
    """
    low = as_finite_array(lower, "lower").ravel()
    high = as_finite_array(upper, "upper").ravel()
    if low.size != high.size:
        raise ValueError(
            f"lower and upper must have the same number of values, got {low.size} and {high.size}"
        )
    _check_ordered(low, high)
    return float(np.mean(high - low))


def interval_score(y_true: ArrayLike, lower: ArrayLike, upper: ArrayLike, coverage: float) -> float:
    """Return the mean interval (Winkler) score: width plus ``2 / alpha`` times each miss.

    For one value, with ``alpha = 1 - coverage``::

        (upper - lower) + 2 / alpha * (lower - y)  if y < lower
                        + 2 / alpha * (y - upper)  if y > upper

    Lower is better. A proper scoring rule (Gneiting & Raftery, 2007): an interval that is
    too narrow pays for its misses, one that is too wide pays for its width.

    Parameters
    ----------
    y_true, lower, upper : array_like
        Actual values and the interval's bounds, the same number of each (flattened).
    coverage : float
        The interval's nominal coverage, in (0, 1).

    Returns
    -------
    float
        In the units of the data.
    """
    true, low, high = _bounds(y_true, lower, upper)
    alpha = 1 - check_fraction(coverage, "coverage")
    below = np.clip(low - true, 0, None)
    above = np.clip(true - high, 0, None)
    return float(np.mean((high - low) + 2 / alpha * (below + above)))


def pinball_loss(y_true: ArrayLike, y_pred: ArrayLike, quantile: float) -> float:
    """Return the mean pinball (quantile) loss of a forecast of the ``quantile``-th quantile.

    For one value, with ``e = y - y_pred``: ``quantile * e`` if ``e >= 0`` else
    ``(quantile - 1) * e``. Minimised, over a sample, by its ``quantile``-th quantile.

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual values and the quantile forecast, the same number of each (flattened).
    quantile : float
        The level forecast, in (0, 1); 0.5 gives half the mean absolute error.

    Returns
    -------
    float
    """
    true, pred = _pair(y_true, y_pred)
    quantile = check_fraction(quantile, "quantile")
    error = true - pred
    return float(np.mean(np.maximum(quantile * error, (quantile - 1) * error)))


def conformal_rank(num_errors: int, coverage: float) -> int:
    """Return the rank ``ceil((n + 1) * coverage)`` of split conformal's quantile of ``n``.

    Parameters
    ----------
    num_errors : int
        ``n``, the number of calibration errors.
    coverage : float
        The nominal coverage, in (0, 1).

    Returns
    -------
    int
        The rank, from 1; larger than ``n`` when ``n`` errors are too few for ``coverage``.
    """
    coverage = check_fraction(coverage, "coverage")
    # The small tolerance keeps (19 + 1) * 0.95 = 19.000000000000004 at rank 19.
    return math.ceil((num_errors + 1) * coverage - 1e-9)


def conformal_quantile(errors: ArrayLike, coverage: float) -> np.ndarray:
    """Return split conformal's half-width: a high quantile of absolute errors, per column.

    For ``n`` calibration errors of one horizon step, the half-width is the
    ``ceil((n + 1) * coverage)``-th smallest absolute error (:func:`conformal_rank`). If the
    calibration errors and the future error are exchangeable, ``forecast +- half-width``
    holds the actual value with probability at least ``coverage`` (Vovk et al. 2005; Lei et
    al. 2018). A time series bends that assumption: errors drift with the level and with the
    season, and neighbouring errors are correlated, so coverage must be measured, not assumed.

    Parameters
    ----------
    errors : array_like
        Calibration errors (actual minus forecast, or their absolute values), shape ``(n,)``
        or ``(n, horizon)``: one column per horizon step. NaN marks a missing error (a step
        that an origin could not reach) and is skipped.
    coverage : float
        The nominal coverage, in (0, 1).

    Returns
    -------
    numpy.ndarray
        The half-widths, shape ``()`` for 1-D ``errors``, else ``(horizon,)``.
    """
    array = np.asarray(errors)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"errors must hold numbers, got dtype {array.dtype}")
    array = array.astype(np.float64)
    if array.ndim not in (1, 2) or array.size == 0:
        raise ValueError(
            f"errors must be a non-empty 1-D (n,) or 2-D (n, horizon) array, got shape "
            f"{array.shape}"
        )
    if np.isinf(array).any():
        raise ValueError("errors contains infinite values; drop them before calibrating")
    columns = array.reshape(len(array), -1)
    coverage = check_fraction(coverage, "coverage")
    half_widths = []
    for step, column in enumerate(columns.T, start=1):
        present = np.sort(np.abs(column[~np.isnan(column)]))
        rank = conformal_rank(present.size, coverage)
        if rank > present.size:
            needed = math.ceil(coverage / (1 - coverage) - 1e-9)
            where = "" if array.ndim == 1 else f" at horizon step {step}"
            raise ValueError(
                f"coverage={coverage} needs at least {needed} calibration errors{where}, got "
                f"{present.size}; calibrate on more origins or ask a lower coverage"
            )
        half_widths.append(present[rank - 1])
    result = np.asarray(half_widths)
    return result[0] if array.ndim == 1 else result


def keras_pinball_loss(quantiles: Sequence[float]) -> Callable[[object, object], object]:
    """Return a Keras loss training one output per quantile with the pinball loss (keras.ops).

    Keras has no built-in pinball loss; this is the few lines notebook 07 writes by hand.

    Parameters
    ----------
    quantiles : sequence of float
        The levels, each in (0, 1), e.g. ``(0.1, 0.5, 0.9)``.

    Returns
    -------
    callable
        ``loss(y_true, y_pred)`` for ``model.compile(loss=...)``: ``y_true`` of shape
        ``(batch, ...)`` and ``y_pred`` of shape ``(batch, ..., len(quantiles))``, the last
        axis holding one forecast per quantile; returns the mean pinball loss over quantiles
        and steps, one value per sample.
    """
    levels = [check_fraction(level, "quantile") for level in quantiles]
    if not levels:
        raise ValueError("quantiles is empty; pass levels such as (0.1, 0.5, 0.9)")

    def pinball(y_true: object, y_pred: object) -> object:
        from keras import ops

        error = ops.expand_dims(ops.cast(y_true, y_pred.dtype), -1) - y_pred
        level = ops.convert_to_tensor(levels, dtype=y_pred.dtype)
        loss = ops.maximum(level * error, (level - 1) * error)
        return ops.mean(ops.reshape(loss, (ops.shape(loss)[0], -1)), axis=-1)

    return pinball
