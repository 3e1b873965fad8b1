"""Self-checks for the exercises of notebook 05, the LSTM airline forecaster judged honestly.

Used in ``notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .core import _fail, check_function, check_value, not_numbers

# Exercises in notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb. Random series are
# a random walk plus a seasonal pattern, so that seasonal differences take both signs.


def _random_series_05(rng: np.random.Generator, length: int, season_length: int) -> np.ndarray:
    """Draw a positive random walk with a seasonal pattern, shape ``(length,)``."""
    pattern = rng.normal(scale=5.0, size=season_length)
    season = pattern[np.arange(length) % season_length]
    walk = np.cumsum(rng.normal(loc=rng.uniform(-0.5, 0.5), scale=3.0, size=length))
    return 200.0 + walk + season


def _forecast_inputs_05(rng: np.random.Generator) -> tuple[np.ndarray, int, int]:
    """``(values, horizon, season_length)``: over two seasons; a horizon over one season.

    The horizon is never a whole number of seasons, so that repeating whole seasons shows.
    """
    season_length = int(rng.integers(2, 13))
    length = int(rng.integers(2 * season_length + 1, 61))
    horizon = int(rng.integers(season_length + 1, 41))
    if horizon % season_length == 0:
        horizon += 1
    return _random_series_05(rng, length, season_length), horizon, season_length


def _as_monthly_05(values: np.ndarray) -> pd.Series:
    """Wrap values in a monthly series, as the package's baselines expect."""
    return pd.Series(values, index=pd.date_range("2001-01-01", periods=len(values), freq="MS"))


def _package_seasonal_naive_05(
    values: np.ndarray, horizon: int, season_length: int, drift: bool = False
) -> np.ndarray:
    from ..baselines import seasonal_naive_forecast

    series = _as_monthly_05(np.asarray(values, dtype=np.float64))
    return seasonal_naive_forecast(series, horizon, season_length, drift=drift).to_numpy()


def _repeat_season_05(season: np.ndarray, horizon: int) -> np.ndarray:
    """Repeat ``season`` (one value per step of the season) for ``horizon`` steps."""
    return season[np.arange(horizon) % season.size]


def check_seasonal_naive(function: Any) -> None:
    """Check exercise 1 of notebook 05: the seasonal naive forecast in NumPy.

    ``function(values, horizon, season_length)`` must return the ``horizon`` values that follow
    ``values`` when each month copies the same month of the last full season, as
    :func:`tutorial_utils.seasonal_naive_forecast` does (the check compares values only, so a
    NumPy array is enough). Used in
    ``notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(values: ndarray (T,), horizon: int, season_length: int) -> ndarray
        (horizon,)``.

    """

    def rotated(shift: int) -> Any:
        def forecast(values: np.ndarray, horizon: int, season_length: int) -> np.ndarray:
            steps = (np.arange(horizon) + shift) % season_length
            return values[-season_length:][steps]

        return forecast

    def tiled(rounding: Any) -> Any:
        def forecast(values: np.ndarray, horizon: int, season_length: int) -> np.ndarray:
            repeats = int(rounding(horizon / season_length))
            return np.tile(values[-season_length:], repeats)

        return forecast

    one_month_out = (
        "your forecast is one month out of step: the first forecast month copies "
        "values[-season_length], the same month one season earlier."
    )
    whole_seasons = (
        "your forecast holds whole seasons, not horizon values: repeat the last season and cut "
        "it to horizon values."
    )
    mistakes = [
        (
            lambda v, h, m: np.full(h, v[-1]),
            "you repeated the last value: that is the naive forecast. Each month copies the "
            "same month of the last season.",
        ),
        (lambda v, h, m: _repeat_season_05(v[-m - 1 : -1], h), one_month_out),
        (rotated(1), one_month_out),
        (rotated(-1), one_month_out),
        (
            lambda v, h, m: _repeat_season_05(v[-2 * m : -m], h),
            "you copied the season before last: copy the last full season, "
            "values[-season_length:].",
        ),
        (
            lambda v, h, m: _repeat_season_05(v[:m], h),
            "you copied the first season of the series: copy the last one, "
            "values[-season_length:].",
        ),
        (lambda v, h, m: v[-m:], whole_seasons),
        (tiled(np.floor), whole_seasons),
        (tiled(np.ceil), whole_seasons),
    ]
    check_function(
        "Exercise 1, the seasonal naive forecast",
        function,
        _package_seasonal_naive_05,
        _forecast_inputs_05,
        "step h ahead copies the same month of the last season seen, so the forecast repeats the "
        "last season for as many steps as asked (notebook 05, 'The test years, once: the table').",
        mistakes=mistakes,
    )


def check_seasonal_naive_with_drift(function: Any) -> None:
    """Check exercise 2 of notebook 05: the seasonal naive forecast with drift in NumPy.

    ``function(values, horizon, season_length)`` must return
    ``v[T + h - k * m] + k * mean_difference`` for ``h = 1 .. horizon``, with ``m`` the season
    length, ``k = ceil(h / m)`` and ``mean_difference`` the mean of ``v[t] - v[t - m]`` over the
    series, as :func:`tutorial_utils.seasonal_naive_forecast` with ``drift=True`` does (values
    only). Used in ``notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(values: ndarray (T,), horizon: int, season_length: int) -> ndarray
        (horizon,)``.

    """

    def reference(values: np.ndarray, horizon: int, season_length: int) -> np.ndarray:
        return _package_seasonal_naive_05(values, horizon, season_length, drift=True)

    def with_drift(seasons_ahead: Any, per_season: Any) -> Any:
        """Return seasonal naive plus seasons_ahead(h, m) * per_season(values, m) at step h."""

        def forecast(values: np.ndarray, horizon: int, season_length: int) -> np.ndarray:
            copied = _package_seasonal_naive_05(values, horizon, season_length)
            steps = np.arange(1, horizon + 1)
            return copied + seasons_ahead(steps, season_length) * per_season(values, season_length)

        return forecast

    def seasonal_mean(values: np.ndarray, m: int) -> float:
        return float(np.mean(values[m:] - values[:-m]))

    def monthly_mean(values: np.ndarray, m: int) -> float:
        return float(np.mean(np.diff(values)))

    def ceil_seasons(steps: np.ndarray, m: int) -> np.ndarray:
        return np.ceil(steps / m)

    mistakes = [
        (
            lambda v, h, m: _package_seasonal_naive_05(v, h, m),
            "you left out the drift: each season ahead adds the mean seasonal difference once.",
        ),
        (
            with_drift(lambda steps, m: steps / m, seasonal_mean),
            "you added h / season_length seasons of drift: k = ceil(h / season_length) is a whole "
            "number, the same for every month of one season ahead.",
        ),
        (
            with_drift(lambda steps, m: (steps - 1) // m, seasonal_mean),
            "your first season ahead has no drift: k = ceil(h / season_length) is already 1 for "
            "h = 1 .. season_length.",
        ),
        (
            with_drift(lambda steps, m: steps // m, seasonal_mean),
            "you counted the seasons ahead with h // season_length: use k = ceil(h / "
            "season_length), which is 1 for h = 1 .. season_length.",
        ),
        (
            with_drift(lambda steps, m: steps, monthly_mean),
            "you added the mean change from one month to the next, h times: that is the drift "
            "forecast's slope. Use the mean seasonal difference v[t] - v[t - season_length], "
            "once per season ahead.",
        ),
        (
            with_drift(ceil_seasons, monthly_mean),
            "your drift is the mean change from one month to the next: use the mean seasonal "
            "difference v[t] - v[t - season_length].",
        ),
        (
            with_drift(ceil_seasons, lambda v, m: float(np.mean(np.diff(v, n=m)))),
            "np.diff(values, n=season_length) differences the series season_length times over; "
            "the seasonal difference is values[season_length:] - values[:-season_length].",
        ),
        (
            with_drift(ceil_seasons, lambda v, m: seasonal_mean(v, m) / m),
            "you divided the mean seasonal difference by the season length: it is added whole, "
            "once per season ahead.",
        ),
    ]
    check_function(
        "Exercise 2, seasonal naive with drift",
        function,
        reference,
        _forecast_inputs_05,
        "add to the seasonal naive forecast one mean seasonal difference per season ahead "
        "(notebook 05, step 5 of 'The forecaster, step by step').",
        mistakes=mistakes,
    )


def check_mase(function: Any) -> None:
    """Check exercise 3 of notebook 05: the mean absolute scaled error (MASE) by hand.

    ``function(actual, forecast, train, season_length)`` must return the forecast's mean
    absolute error divided by the mean of ``|train[t] - train[t - season_length]|`` over the
    training series, as :func:`tutorial_utils.mase` does. Used in
    ``notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(actual: ndarray (H,), forecast: ndarray (H,), train: ndarray (T,),
        season_length: int) -> float``.

    """
    from ..metrics import mase

    trial = iter(range(1_000))

    def make_inputs(rng: np.random.Generator) -> tuple[Any, Any, Any, int]:
        """Every other trial passes monthly pandas Series, as the notebook does."""
        season_length = int(rng.integers(2, 13))
        length = int(rng.integers(2 * season_length + 1, 61))
        horizon = int(rng.integers(season_length + 2, 3 * season_length + 3))
        series = _random_series_05(rng, length + horizon, season_length)
        train, actual = series[:length], series[length:]
        forecast = actual + rng.normal(loc=rng.uniform(-3, 3), scale=4.0, size=horizon)
        if next(trial) % 2 == 0:
            return actual, forecast, train, season_length
        monthly = _as_monthly_05(series)
        test_index = monthly.index[length:]
        return monthly[length:], pd.Series(forecast, test_index), monthly[:length], season_length

    def reference(actual: Any, forecast: Any, train: Any, m: int) -> float:
        return mase(*(np.asarray(x, dtype=np.float64) for x in (actual, forecast, train)), m)

    def by_date(actual: Any, forecast: Any, train: Any, m: int) -> float:
        """Compute the MASE as the formula does on Series: differences paired by date."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(
                np.mean(np.abs(actual - forecast)) / np.mean(np.abs(train[m:] - train[:-m]))
            )

    def lag(values: Any, m: int) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        return values[m:] - values[:-m]

    def scale(values: np.ndarray, m: int) -> float:
        return float(np.mean(np.abs(lag(values, m))))

    def mae(actual: Any, forecast: Any) -> float:
        return float(np.mean(np.abs(np.subtract(actual, forecast, dtype=np.float64))))

    def mse(actual: Any, forecast: Any) -> float:
        return float(np.mean(np.subtract(actual, forecast, dtype=np.float64) ** 2))

    squared = (
        "you squared the errors: MASE averages absolute errors, in the numerator and the scale."
    )
    signed = (
        "you averaged signed errors, which cancel (taking the absolute value afterwards does not "
        "help): average |actual - forecast|."
    )
    mistakes = [
        (
            by_date,
            "your MASE is infinite on pandas Series, which the notebook passes: subtracting two "
            "Series pairs their values by date, not by position, so each seasonal difference is a "
            "month minus itself. Work on the values alone.",
        ),
        (
            lambda a, f, t, m: mae(a, f) / scale(t, 1),
            "you scaled by the naive forecast's error, |train[t] - train[t - 1]|: scale by the "
            "seasonal naive's, |train[t] - train[t - season_length]|.",
        ),
        (
            lambda a, f, t, m: mae(a, f) / np.mean(np.abs(np.diff(t, n=m))),
            "np.diff(train, n=season_length) differences the series season_length times over; "
            "the seasonal difference is train[season_length:] - train[:-season_length].",
        ),
        (
            lambda a, f, t, m: mae(a, f) / scale(a, m),
            "you computed the scale on the test part: MASE scales by the seasonal naive's error "
            "on the training series, which is known before the forecast is made.",
        ),
        (lambda a, f, t, m: mse(a, f) / scale(t, m), squared),
        (lambda a, f, t, m: mse(a, f) / np.mean(lag(t, m) ** 2), squared),
        (
            lambda a, f, t, m: np.sqrt(mse(a, f) / np.mean(lag(t, m) ** 2)),
            "that is the root mean squared scaled error (RMSSE): MASE averages absolute errors, "
            "with no squares and no square root.",
        ),
        (
            lambda a, f, t, m: mae(a, f),
            "you returned the mean absolute error: divide it by the scale.",
        ),
        (
            lambda a, f, t, m: scale(t, m) / mae(a, f),
            "your ratio is upside down: the forecast's MAE goes on top, the scale below.",
        ),
        (
            lambda a, f, t, m: mae(a, f) / np.mean(lag(t, m)),
            "your scale averages signed seasonal differences: take their absolute values first.",
        ),
        (
            lambda a, f, t, m: np.mean(a - f) / scale(t, m),
            signed,
        ),
        (
            lambda a, f, t, m: np.abs(np.mean(a - f)) / scale(t, m),
            signed,
        ),
    ]
    check_function(
        "Exercise 3, MASE by hand",
        function,
        reference,
        make_inputs,
        "MASE divides the forecast's mean absolute error by that of the seasonal naive forecast "
        "one season ahead inside the training series (notebook 05, 'The test years, once: the "
        "table').",
        mistakes=mistakes,
    )


def _one_number_05(value: Any) -> Any:
    """Return a number held in a 1-element array as a float; anything else as it is."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return value
    return float(array.ravel()[0]) if array.size == 1 else value


@cache
def _additive_baselines_05() -> dict[str, float]:
    """Test and validation scores of the baselines of exercise 4, fitted once per session."""
    from ..baselines import holt_winters_forecast, sarima_forecast
    from ..datasets import load_airline
    from ..metrics import mape, rmse

    airline = load_airline()
    train, test = airline[:"1957-12"], airline["1958-01":]
    fit_part, validation = train[:"1955-12"], train["1956-01":]
    forecasts = {
        "additive": lambda series, horizon: holt_winters_forecast(series, horizon, seasonal="add"),
        "multiplicative": lambda series, horizon: holt_winters_forecast(series, horizon),
        "raw": lambda series, horizon: sarima_forecast(series, horizon, log=False),
        "log": lambda series, horizon: sarima_forecast(series, horizon),
    }
    scores = {}
    for name, forecast in forecasts.items():
        on_test = forecast(train, len(test))
        scores[f"{name} test"] = mape(test, on_test)
        scores[f"{name} test rmse"] = rmse(test, on_test)
        if name in ("additive", "raw"):
            scores[f"{name} validation"] = mape(validation, forecast(fit_part, len(validation)))
    return scores


def check_additive_baselines(holt_winters_mape: Any, sarima_mape: Any) -> None:
    """Check exercise 4 of notebook 05: the test MAPEs of an additive season and a raw SARIMA.

    ``holt_winters_mape`` must be the test MAPE (percent, 1958-1960) of
    :func:`tutorial_utils.holt_winters_forecast` with ``seasonal="add"`` and ``sarima_mape`` that
    of :func:`tutorial_utils.sarima_forecast` with ``log=False``, both fitted on the training
    years 1949-1957. The check fits both itself (a second or two) and never prints the expected
    values. Used in ``notebooks/exercises/05_lstm_airline_forecaster_exercises.ipynb``.

    Parameters
    ----------
    holt_winters_mape, sarima_mape : float
        The two test MAPEs, in percent.

    """
    scores = _additive_baselines_05()
    expected = np.array([scores["additive test"], scores["raw test"]])
    mistakes = [
        (expected[::-1], "you swapped them: the Holt-Winters MAPE comes first, then SARIMA's."),
        (
            [scores["multiplicative test"], scores["log test"]],
            "these are the notebook's multiplicative Holt-Winters and SARIMA on the log: pass "
            "seasonal='add' and log=False.",
        ),
        (
            [scores["multiplicative test"], scores["raw test"]],
            "your Holt-Winters MAPE is the multiplicative one: pass seasonal='add'.",
        ),
        (
            [scores["additive test"], scores["log test"]],
            "your SARIMA MAPE is the one on the log: pass log=False.",
        ),
        (
            expected / 100,
            "a MAPE is in percent here (5.0 means 5 %): use tu.mape, which multiplies by 100.",
        ),
        (
            [scores["additive test rmse"], scores["raw test rmse"]],
            "these are RMSEs in passengers: the exercise asks for the MAPE, tu.mape.",
        ),
        (
            [scores["additive validation"], scores["raw validation"]],
            "these are the validation scores (fitted on 1949-1955, scored on 1956-1957): fit on "
            "all the training years, 1949-1957, and score on the test years.",
        ),
    ]
    exercise = "Exercise 4, an additive season and SARIMA on raw values"
    hint = (
        "fit each model on the training years alone, forecast the 36 test months and score with "
        "the MAPE, in percent (notebook 05, 'The test years, once: the table')."
    )
    for name, value in (
        ("holt_winters_add_mape", holt_winters_mape),
        ("sarima_raw_mape", sarima_mape),
    ):
        if value is None or isinstance(value, (str, bytes)):
            _fail(exercise, not_numbers(value, f"your {name}"), hint)
    check_value(
        exercise,
        [_one_number_05(holt_winters_mape), _one_number_05(sarima_mape)],
        expected,
        hint,
        rtol=1e-3,  # the statsmodels fits move in the fifth digit from one CPU to another
        mistakes=mistakes,
        what="your pair of MAPEs",
    )
