"""The baselines a sceptic asks for: naive, seasonal naive (+ drift), drift, Holt-Winters, SARIMA.

Each one fits on a ``pd.Series`` with regularly spaced dates and returns its forecast as a
``pd.Series`` indexed by the dates that follow (notebook 05); the linear autoregression on
windows is notebook 04's baseline for the LSTM.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer

from ._validation import as_finite_array, check_positive_int, check_regular_series, future_index


@contextmanager
def _quiet_statsmodels() -> Iterator[None]:
    # statsmodels warns when its starting values or optimiser fall back to a default; the
    # forecasts are still returned and the notebooks score them, so these two (and only these
    # two) are silenced here rather than in the notebooks.
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, EstimationWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ConvergenceWarning, module="statsmodels")
        warnings.filterwarnings("ignore", category=EstimationWarning, module="statsmodels")
        yield


def _check_positive(values: np.ndarray, name: str, why: str) -> None:
    if np.any(values <= 0):
        raise ValueError(f"{name} must be positive for {why}, got a minimum of {values.min():g}")


def naive_forecast(series: pd.Series, horizon: int) -> pd.Series:
    """Repeat the last value (persistence): the forecast every model must beat.

    Parameters
    ----------
    series : pandas.Series
        The training series, shape ``(T,)``, with regularly spaced dates.
    horizon : int
        Number of future periods to forecast (>= 1).

    Returns
    -------
    pandas.Series
        Shape ``(horizon,)``, indexed by the ``horizon`` dates after the last one of ``series``.
    """
    values, index = check_regular_series(series, "series")
    horizon = check_positive_int(horizon, "horizon")
    return pd.Series(np.full(horizon, values[-1]), index=future_index(index, horizon), name="naive")


def seasonal_naive_forecast(
    series: pd.Series,
    horizon: int,
    season_length: int = 12,
    drift: bool = False,
) -> pd.Series:
    """Repeat the last full season: each month gets the value of the same month a year before.

    With ``drift=True`` each season ahead also adds the mean seasonal difference of the
    training series, ``mean(y[t] - y[t - season_length])``: the forecast ``k`` seasons ahead is
    the last observed value of that month plus ``k`` times that mean yearly change.

    Parameters
    ----------
    series : pandas.Series
        The training series, shape ``(T,)`` with ``T >= season_length`` (``T > season_length``
        with drift), regularly spaced.
    horizon : int
        Number of future periods to forecast (>= 1).
    season_length : int, default 12
        Periods per season (12 for monthly data with a yearly pattern).
    drift : bool, default False
        Add the mean seasonal change per season ahead.

    Returns
    -------
    pandas.Series
        Shape ``(horizon,)``, indexed by the ``horizon`` dates after the last one of ``series``.
    """
    season_length = check_positive_int(season_length, "season_length")
    if not isinstance(drift, bool):
        raise TypeError(f"drift must be True or False, got {drift!r}")
    min_length = season_length + 1 if drift else season_length
    values, index = check_regular_series(series, "series", min_length=min_length)
    horizon = check_positive_int(horizon, "horizon")
    steps = np.arange(horizon)
    forecast = values[-season_length:][steps % season_length]
    name = "seasonal naive"
    if drift:
        seasons_ahead = steps // season_length + 1
        forecast = forecast + seasons_ahead * np.mean(
            values[season_length:] - values[:-season_length]
        )
        name = "seasonal naive + drift"
    return pd.Series(forecast, index=future_index(index, horizon), name=name)


def drift_forecast(series: pd.Series, horizon: int) -> pd.Series:
    """Extend the straight line through the first and last values.

    The forecast ``h`` steps ahead is ``last + h * (last - first) / (T - 1)``.

    Parameters
    ----------
    series : pandas.Series
        The training series, shape ``(T,)`` with ``T >= 2``, regularly spaced.
    horizon : int
        Number of future periods to forecast (>= 1).

    Returns
    -------
    pandas.Series
        Shape ``(horizon,)``, indexed by the ``horizon`` dates after the last one of ``series``.
    """
    values, index = check_regular_series(series, "series", min_length=2)
    horizon = check_positive_int(horizon, "horizon")
    slope = (values[-1] - values[0]) / (values.size - 1)
    forecast = values[-1] + slope * np.arange(1, horizon + 1)
    return pd.Series(forecast, index=future_index(index, horizon), name="drift")


def holt_winters_forecast(
    series: pd.Series,
    horizon: int,
    season_length: int = 12,
    seasonal: str = "mul",
) -> pd.Series:
    """Holt-Winters exponential smoothing with an additive trend (statsmodels).

    ``statsmodels.tsa.holtwinters.ExponentialSmoothing`` with ``trend="add"`` and the given
    seasonality, its smoothing parameters and initial states estimated by least squares on the
    training series. That error surface has several local minima, and which one statsmodels'
    default optimiser (L-BFGS-B) reaches can depend on the CPU's linear-algebra kernels: on the
    airline series, 1949-1957, it stops at a sum of squared errors of 5470 on some CPUs and 5404
    on others (test MAPE 5.64 % or 5.07 %). The model is therefore fitted twice, with L-BFGS-B
    and with ``method="least_squares"``, and the fit with the lower training error is kept
    (5138 there, the same on every CPU tried: test MAPE 5.06 %).

    Parameters
    ----------
    series : pandas.Series
        The training series, shape ``(T,)`` with ``T >= 2 * season_length``, regularly spaced;
        positive when ``seasonal="mul"``.
    horizon : int
        Number of future periods to forecast (>= 1).
    season_length : int, default 12
        Periods per season.
    seasonal : {"mul", "add"}, default "mul"
        A seasonal swing proportional to the level ("mul") or of constant size ("add").

    Returns
    -------
    pandas.Series
        Shape ``(horizon,)``, indexed by the ``horizon`` dates after the last one of ``series``.
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    season_length = check_positive_int(season_length, "season_length")
    values, index = check_regular_series(series, "series", min_length=2 * season_length)
    horizon = check_positive_int(horizon, "horizon")
    if seasonal not in ("mul", "add"):
        raise ValueError(f"seasonal must be 'mul' or 'add', got {seasonal!r}")
    if seasonal == "mul":
        _check_positive(values, "series", "multiplicative seasonality; pass seasonal='add'")
    with _quiet_statsmodels():
        model = ExponentialSmoothing(
            values, trend="add", seasonal=seasonal, seasonal_periods=season_length
        )
        fits = [model.fit(), model.fit(method="least_squares")]
    best = min(fits, key=lambda fit: fit.sse)  # chosen on the training series alone
    forecast = best.forecast(horizon)
    return pd.Series(forecast, index=future_index(index, horizon), name="Holt-Winters")


def _fit_airline_model(values: np.ndarray, season_length: int, log: bool) -> object:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    endog = np.log(values) if log else values
    with _quiet_statsmodels():
        model = SARIMAX(endog, order=(0, 1, 1), seasonal_order=(0, 1, 1, season_length))
        return model.fit(disp=False)


def sarima_forecast(
    series: pd.Series,
    horizon: int,
    season_length: int = 12,
    log: bool = True,
) -> pd.Series:
    """Forecast with the "airline model" SARIMA(0,1,1)(0,1,1) of Box and Jenkins (statsmodels).

    ``statsmodels.tsa.statespace.sarimax.SARIMAX`` on ``log(series)`` (when ``log``), with one
    ordinary and one seasonal difference and one moving-average term of each kind; the forecast
    is mapped back with ``exp``.

    Parameters
    ----------
    series : pandas.Series
        The training series, shape ``(T,)`` with ``T > season_length + 1``, regularly spaced;
        positive when ``log``.
    horizon : int
        Number of future periods to forecast (>= 1).
    season_length : int, default 12
        Periods per season.
    log : bool, default True
        Model the logarithm of the series, which turns a multiplicative season additive.

    Returns
    -------
    pandas.Series
        Shape ``(horizon,)``, indexed by the ``horizon`` dates after the last one of ``series``.
    """
    season_length = check_positive_int(season_length, "season_length")
    values, index = check_regular_series(series, "series", min_length=season_length + 2)
    horizon = check_positive_int(horizon, "horizon")
    if log:
        _check_positive(values, "series", "the log transform; pass log=False")
    forecast = _fit_airline_model(values, season_length, log).forecast(horizon)
    if log:
        forecast = np.exp(forecast)
    return pd.Series(forecast, index=future_index(index, horizon), name="SARIMA")


def sarima_one_step_forecast(
    series: pd.Series,
    train_size: int,
    season_length: int = 12,
    log: bool = True,
) -> pd.Series:
    """One-step-ahead SARIMA forecasts with true inputs, after fitting on the first values only.

    The airline model (see :func:`sarima_forecast`) is fitted on ``series[:train_size]``; its
    parameters are then kept fixed while it forecasts each later month from all the true
    values before it. This is the "one step ahead with true inputs" protocol of notebook 05's
    persistence trap.

    Parameters
    ----------
    series : pandas.Series
        The whole series, shape ``(T,)``, regularly spaced; positive when ``log``.
    train_size : int
        How many leading values to fit on, ``season_length + 2 <= train_size < T``.
    season_length : int, default 12
        Periods per season.
    log : bool, default True
        Model the logarithm of the series.

    Returns
    -------
    pandas.Series
        Shape ``(T - train_size,)``: the forecast of each value from ``series[train_size]`` on,
        indexed by the same dates.
    """
    season_length = check_positive_int(season_length, "season_length")
    values, index = check_regular_series(series, "series")
    train_size = check_positive_int(train_size, "train_size")
    if not season_length + 2 <= train_size < values.size:
        raise ValueError(
            f"train_size must be from season_length + 2 = {season_length + 2} to "
            f"{values.size - 1} to leave values to forecast, got {train_size}"
        )
    if log:
        _check_positive(values, "series", "the log transform; pass log=False")
    result = _fit_airline_model(values[:train_size], season_length, log)
    rest = np.log(values[train_size:]) if log else values[train_size:]
    with _quiet_statsmodels():
        extended = result.append(rest, refit=False)
    forecast = extended.predict(start=train_size, end=values.size - 1)
    if log:
        forecast = np.exp(forecast)
    return pd.Series(forecast, index=index[train_size:], name="SARIMA one-step")


def _flatten_windows(windows: np.ndarray) -> np.ndarray:
    return np.asarray(windows).reshape(len(windows), -1)


def fit_linear_autoregression(x_train: ArrayLike, y_train: ArrayLike) -> Pipeline:
    """Fit a linear autoregression: the next value as a weighted sum of the window's values.

    ``y_{t+1} = b + w_1 y_{t-W+1} + ... + w_W y_t``, fitted by least squares
    (scikit-learn's ``LinearRegression``) on the same windows an LSTM is trained on.
    Introduced in notebook 04.

    Parameters
    ----------
    x_train : array_like
        Windows, shape ``(N, window_size, 1)``.
    y_train : array_like
        Targets, shape ``(N, 1)`` or ``(N,)``.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Flattens windows, then ``LinearRegression``; ``.predict`` takes windows of shape
        ``(M, window_size, 1)`` and returns ``(M,)``. The weights are in ``pipeline[-1].coef_``.
    """
    x = as_finite_array(x_train, "x_train", max_ndim=3)
    y = as_finite_array(y_train, "y_train").reshape(len(y_train), -1)
    if x.ndim != 3:
        raise ValueError(
            f"x_train must be windows of shape (N, window_size, 1), got shape {x.shape}; "
            "make them with tu.make_windows"
        )
    if len(x) != len(y) or y.shape[1] != 1:
        raise ValueError(
            f"y_train must hold one target per window: x_train has {len(x)} windows, y_train "
            f"has shape {np.shape(y_train)}"
        )
    pipeline = make_pipeline(FunctionTransformer(_flatten_windows), LinearRegression())
    return pipeline.fit(x, y[:, 0])
