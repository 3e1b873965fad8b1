"""Self-checks for the exercises of notebook 07, prediction intervals with measured coverage.

Used in ``notebooks/exercises/07_forecast_intervals_exercises.ipynb``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import check_function

# Random intervals: actual values, and bounds around a noisy forecast, some of which miss.


def _interval_inputs_07(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    size = int(rng.integers(5, 40))
    y_true = rng.normal(100.0, 20.0, size)
    centre = y_true + rng.normal(0.0, 10.0, size)
    half_width = rng.uniform(1.0, 15.0, size)
    return y_true, centre - half_width, centre + half_width


def _score_inputs_07(rng: np.random.Generator) -> tuple:
    y_true, lower, upper = _interval_inputs_07(rng)
    return y_true, lower, upper, float(rng.choice([0.5, 0.8, 0.9, 0.95]))


def _interval_score_07(
    y_true: np.ndarray, lower: np.ndarray, upper: np.ndarray, coverage: float
) -> float:
    from ..intervals import interval_score

    return interval_score(y_true, lower, upper, coverage)


def check_interval_score(function: Any) -> None:
    """Check exercise 1 of notebook 07: the interval (Winkler) score in NumPy.

    ``function(y_true, lower, upper, coverage)`` must return the mean over values of
    ``(upper - lower) + 2 / alpha * (lower - y) [y < lower] + 2 / alpha * (y - upper) [y >
    upper]`` with ``alpha = 1 - coverage``, as :func:`tutorial_utils.interval_score` does.

    Parameters
    ----------
    function : callable
        ``function(y_true: ndarray (n,), lower: ndarray (n,), upper: ndarray (n,), coverage:
        float) -> float``.

    """

    def penalty(factor: Any, width: bool = True, reduce: Any = np.mean) -> Any:
        def score(y: np.ndarray, low: np.ndarray, high: np.ndarray, coverage: float) -> float:
            misses = np.clip(low - y, 0, None) + np.clip(y - high, 0, None)
            return float(reduce(width * (high - low) + factor(1 - coverage) * misses))

        return score

    mistakes = [
        (
            penalty(lambda alpha: 1 / alpha),
            "your misses cost 1 / alpha times their distance: the score charges 2 / alpha (each "
            "tail is allowed alpha / 2 of the misses).",
        ),
        (
            penalty(lambda alpha: 2 * alpha),
            "your misses cost 2 * alpha times their distance: it is 2 / alpha, so that a rare "
            "miss of a high-coverage interval costs a lot.",
        ),
        (
            penalty(lambda alpha: 2 / alpha, width=False),
            "you left out the width: the score is the width plus the penalty for misses.",
        ),
        (
            penalty(lambda alpha: 0.0),
            "you returned the mean width only: add 2 / alpha times the distance of each miss.",
        ),
        (
            penalty(lambda alpha: 2 / alpha, reduce=np.sum),
            "you summed over the values: the score is their mean.",
        ),
    ]
    check_function(
        "Exercise 1, the interval score",
        function,
        _interval_score_07,
        _score_inputs_07,
        "for each value add the width upper - lower and, if y falls outside, 2 / alpha times "
        "how far outside (np.clip(lower - y, 0, None) is that distance below); then take the "
        'mean. alpha = 1 - coverage (notebook 07, "Scoring an interval").',
        mistakes=mistakes,
    )


def _pinball_inputs_07(rng: np.random.Generator) -> tuple:
    size = int(rng.integers(5, 40))
    y_true = rng.normal(0.0, 3.0, size)
    return y_true, y_true + rng.normal(0.5, 2.0, size), float(rng.uniform(0.05, 0.95))


def _pinball_07(y_true: np.ndarray, y_pred: np.ndarray, quantile: float) -> float:
    from ..intervals import pinball_loss

    return pinball_loss(y_true, y_pred, quantile)


def check_pinball_loss(function: Any) -> None:
    """Check exercise 2 of notebook 07: the pinball (quantile) loss in NumPy.

    ``function(y_true, y_pred, quantile)`` must return the mean of ``quantile * e`` for
    ``e = y_true - y_pred >= 0`` and ``(quantile - 1) * e`` otherwise, as
    :func:`tutorial_utils.pinball_loss` does.

    Parameters
    ----------
    function : callable
        ``function(y_true: ndarray (n,), y_pred: ndarray (n,), quantile: float) -> float``.

    """
    mistakes = [
        (
            lambda y, p, q: _pinball_07(y, p, 1 - q),
            "you swapped the two slopes: an actual value above the forecast (e = y - y_pred > 0) "
            "costs quantile * e, so that a high quantile is pushed up.",
        ),
        (
            lambda y, p, q: float(np.mean(np.abs(y - p))),
            "you returned the mean absolute error: weigh errors above the forecast by quantile "
            "and those below by 1 - quantile.",
        ),
        (
            lambda y, p, q: float(np.mean(np.maximum(q * (y - p), (q - 1) * (y - p)) ** 2)),
            "you squared the losses: the pinball loss is linear in the error.",
        ),
        (
            lambda y, p, q: float(np.sum(np.maximum(q * (y - p), (q - 1) * (y - p)))),
            "you summed over the values: the loss is their mean.",
        ),
    ]
    check_function(
        "Exercise 2, the pinball loss",
        function,
        _pinball_07,
        _pinball_inputs_07,
        "with e = y_true - y_pred, each value costs quantile * e when e >= 0 and "
        "(quantile - 1) * e when e < 0 (both are >= 0): np.maximum of the two; then the mean "
        '(notebook 07, "Scoring an interval").',
        mistakes=mistakes,
    )


def _conformal_inputs_07(rng: np.random.Generator) -> tuple:
    num_errors = int(rng.integers(20, 60))
    horizon = int(rng.integers(1, 6))
    scale = rng.uniform(1.0, 10.0, horizon)
    errors = rng.standard_t(df=4, size=(num_errors, horizon)) * scale
    return errors, float(rng.choice([0.5, 0.8, 0.9, 0.95]))


def _conformal_07(errors: np.ndarray, coverage: float) -> np.ndarray:
    from ..intervals import conformal_quantile

    return conformal_quantile(errors, coverage)


def check_conformal_half_width(function: Any) -> None:
    """Check exercise 3 of notebook 07: split conformal's half-width per horizon step.

    ``function(errors, coverage)`` takes calibration errors of shape ``(n, horizon)`` (actual
    minus forecast, no NaN) and must return, for each column, the ``ceil((n + 1) * coverage)``
    -th smallest absolute error, shape ``(horizon,)``, as
    :func:`tutorial_utils.conformal_quantile` does.

    Parameters
    ----------
    function : callable
        ``function(errors: ndarray (n, horizon), coverage: float) -> ndarray (horizon,)``.

    """

    def ranked(rank: Any, absolute: bool = True) -> Any:
        def half_width(errors: np.ndarray, coverage: float) -> np.ndarray:
            values = np.sort(np.abs(errors) if absolute else errors, axis=0)
            position = min(int(rank(len(errors), coverage)), len(errors)) - 1
            return values[position]

        return half_width

    mistakes = [
        (
            ranked(lambda n, c: np.ceil(n * c - 1e-9)),
            "you took rank ceil(n * coverage): the finite-sample rank is ceil((n + 1) * "
            "coverage), one more in most cases, because the new error is the (n + 1)-th.",
        ),
        (
            lambda errors, coverage: np.quantile(np.abs(errors), coverage, axis=0),
            "you took np.quantile of the absolute errors, which interpolates at n * coverage: "
            "take the ceil((n + 1) * coverage)-th smallest absolute error itself.",
        ),
        (
            ranked(lambda n, c: np.ceil((n + 1) * c - 1e-9), absolute=False),
            "you ranked the signed errors: the interval is forecast +- half-width, so rank the "
            "absolute errors.",
        ),
        (
            ranked(lambda n, c: np.ceil((n + 1) * c - 1e-9) + 1),
            "your rank is one too high: sorted values are indexed from 0, so the k-th smallest "
            "is sorted[k - 1].",
        ),
    ]
    check_function(
        "Exercise 3, the split conformal half-width",
        function,
        _conformal_07,
        _conformal_inputs_07,
        "sort the absolute errors of each column (np.sort(np.abs(errors), axis=0)), compute the "
        "rank k = ceil((n + 1) * coverage) with n = len(errors), and take row k - 1 (notebook 07, "
        '"Split conformal intervals").',
        mistakes=mistakes,
    )
