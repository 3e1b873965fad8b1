"""Self-checks for the exercises of notebook 06, bike-share demand with weather and holidays.

Used in ``notebooks/exercises/06_lstm_weather_demand_exercises.ipynb``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import check_function

# Random hourly-like series: a daily pattern of counts, with a few gaps (NaN) here and there.


def _series_with_gaps_06(rng: np.random.Generator, length: int) -> np.ndarray:
    """Draw positive counts with a 24-step pattern and about 3 % NaN, shape ``(length,)``."""
    pattern = rng.uniform(1, 300, size=24)
    values = rng.poisson(pattern[np.arange(length) % 24]).astype(np.float64) + 1
    values[rng.random(length) < 0.03] = np.nan
    return values


def _reference_scale_06(values: np.ndarray, season_length: int) -> float:
    from ..demand import seasonal_mae_scale

    return seasonal_mae_scale(values, season_length)


def check_mase_scale_with_gaps(function: Any) -> None:
    """Check exercise 1 of notebook 06: the MASE scale of a series with gaps.

    ``function(values, season_length)`` must return the mean of
    ``|values[t] - values[t - season_length]|`` over the pairs where neither value is NaN, as
    ``tu.demand.seasonal_mae_scale`` does.

    Parameters
    ----------
    function : callable
        ``function(values: ndarray (T,) with NaN, season_length: int) -> float``.

    """

    def inputs(rng: np.random.Generator) -> tuple[np.ndarray, int]:
        season_length = int(rng.choice([24, 48, 168]))
        return _series_with_gaps_06(rng, int(rng.integers(3, 8)) * season_length), season_length

    def filled_with_zero(values: np.ndarray, m: int) -> float:
        filled = np.nan_to_num(values)
        return float(np.mean(np.abs(filled[m:] - filled[:-m])))

    def over_all_pairs(values: np.ndarray, m: int) -> float:
        changes = np.abs(values[m:] - values[:-m])
        return float(np.nansum(changes) / changes.size)

    def dropped_first(values: np.ndarray, m: int) -> float:
        kept = values[~np.isnan(values)]
        return float(np.mean(np.abs(kept[m:] - kept[:-m])))

    def naive(values: np.ndarray, m: int) -> float:
        return float(np.nanmean(np.abs(np.diff(values))))

    mistakes = [
        (
            filled_with_zero,
            "you filled the gaps with 0: an absent hour is unknown, not 0 riders. Skip every "
            "pair that holds a NaN.",
        ),
        (
            over_all_pairs,
            "you divided by every pair, gaps included: average over the pairs without a gap "
            "only (np.nanmean).",
        ),
        (
            dropped_first,
            "you dropped the NaN before pairing: then values[t - season_length] is no longer "
            "one season before values[t]. Pair first, then skip the pairs with a gap.",
        ),
        (naive, "you compared each value with the one before: compare it with one season back."),
    ]
    check_function(
        "Exercise 1, the MASE scale with gaps",
        function,
        _reference_scale_06,
        inputs,
        "pair each value with the one season_length steps earlier (values[m:] and "
        "values[:-m]), take absolute differences, and average those that are not NaN "
        "(notebook 06, 'Metrics in riders, and why not MAPE').",
        mistakes=mistakes,
    )


def _reference_origins_06(values: np.ndarray, window_size: int, horizon: int) -> np.ndarray:
    from ..windows import make_covariate_windows

    *_, origins = make_covariate_windows(values, window_size, horizon, stride=horizon)
    return origins


def check_complete_origins(function: Any) -> None:
    """Check exercise 2 of notebook 06: which daily forecast origins survive the gaps.

    ``function(values, window_size, horizon)`` must return the origins ``t = window_size,
    window_size + horizon, ...`` (with ``t + horizon <= T``) whose past ``values[t -
    window_size : t]`` and future ``values[t : t + horizon]`` hold no NaN, as the origins of
    ``tu.make_covariate_windows(values, window_size, horizon, stride=horizon)``.

    Parameters
    ----------
    function : callable
        ``function(values: ndarray (T,) with NaN, window_size: int, horizon: int) -> ndarray
        (n,)`` of int.

    """

    def inputs(rng: np.random.Generator) -> tuple[np.ndarray, int, int]:
        horizon = int(rng.choice([4, 6, 24]))
        window_size = horizon * int(rng.integers(1, 4))
        return _series_with_gaps_06(rng, horizon * int(rng.integers(8, 20))), window_size, horizon

    def origins_where(keep: Any) -> Any:
        def origins(values: np.ndarray, window_size: int, horizon: int) -> np.ndarray:
            candidates = np.arange(window_size, len(values) - horizon + 1, horizon)
            return np.array([t for t in candidates if keep(values, t, window_size, horizon)])

        return origins

    def future_only(values: np.ndarray, t: int, w: int, h: int) -> bool:
        return not np.isnan(values[t : t + h]).any()

    def past_only(values: np.ndarray, t: int, w: int, h: int) -> bool:
        return not np.isnan(values[t - w : t]).any()

    def every_origin(values: np.ndarray, t: int, w: int, h: int) -> bool:
        return True

    mistakes = [
        (
            origins_where(future_only),
            "you checked only the day to forecast: a gap in the past window drops the origin too.",
        ),
        (
            origins_where(past_only),
            "you checked only the past window: a gap in the day to forecast leaves nothing to "
            "score, so that origin is dropped too.",
        ),
        (
            origins_where(every_origin),
            "you kept every origin: drop those whose past or future holds a NaN.",
        ),
    ]
    check_function(
        "Exercise 2, the origins that survive the gaps",
        function,
        _reference_origins_06,
        inputs,
        "for each origin t in range(window_size, len(values) - horizon + 1, horizon), keep it "
        "when values[t - window_size : t + horizon] holds no NaN (notebook 06, 'Gaps: 115 "
        "absent hours').",
        mistakes=mistakes,
    )


def _reference_lags_06(x_past: np.ndarray, horizon: int) -> np.ndarray:
    from ..demand import tabular_features

    future = np.zeros((len(x_past), horizon, 0))
    table = tabular_features(x_past, future, [])
    columns = ["same_hour_yesterday", "same_hour_last_week"]
    return table[columns].to_numpy().reshape(len(x_past), horizon, 2)


def check_lag_features(function: Any) -> None:
    """Check exercise 3 of notebook 06: the two seasonal lags of each forecast hour.

    ``function(x_past, horizon)`` must return, shape ``(n, horizon, 2)``, the demand 24 hours
    and 168 hours before each forecast hour, read from the past windows ``x_past`` of shape
    ``(n, 168, F)`` (demand in feature 0), as the ``same_hour_yesterday`` and
    ``same_hour_last_week`` columns of ``tu.tabular_features``.

    Parameters
    ----------
    function : callable
        ``function(x_past: ndarray (n, 168, F), horizon: int) -> ndarray (n, horizon, 2)``.

    """

    def inputs(rng: np.random.Generator) -> tuple[np.ndarray, int]:
        x_past = rng.uniform(0, 500, size=(int(rng.integers(2, 6)), 168, int(rng.integers(1, 4))))
        return x_past, int(rng.integers(2, 25))

    def first_hours(x_past: np.ndarray, horizon: int) -> np.ndarray:
        return np.stack([x_past[:, :horizon, 0], x_past[:, :horizon, 0]], axis=-1)

    def last_hours(x_past: np.ndarray, horizon: int) -> np.ndarray:
        return np.stack(
            [x_past[:, -horizon:, 0], x_past[:, -168 + 24 - horizon : -168 + 24, 0]], axis=-1
        )

    def swapped(x_past: np.ndarray, horizon: int) -> np.ndarray:
        return _reference_lags_06(x_past, horizon)[:, :, ::-1]

    mistakes = [
        (
            last_hours,
            "you took the last hours of each window: the hour h after the origin is 24 - h "
            "hours after the start of the last day, so yesterday's same hour is x_past[:, -24 + "
            "h, 0].",
        ),
        (swapped, "your two lags are swapped: yesterday first, then last week."),
        (
            first_hours,
            "both your lags come from the start of the window: that is last week's; yesterday's "
            "starts 24 hours before the origin, at x_past[:, -24].",
        ),
    ]
    check_function(
        "Exercise 3, the lags of each forecast hour",
        function,
        _reference_lags_06,
        inputs,
        "the origin is just after x_past[:, -1]. Forecast hour h (0 .. horizon - 1) lies h hours "
        "after it: 24 hours before it is x_past[:, -24 + h, 0], and 168 hours before it is "
        "x_past[:, -168 + h, 0] = x_past[:, h, 0] (notebook 06, 'The baselines').",
        mistakes=mistakes,
    )
