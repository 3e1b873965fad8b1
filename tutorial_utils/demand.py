"""Day-ahead forecasts of hourly bike-share demand with weather and holidays (notebook 06).

The protocol: at every midnight, forecast the next 24 hours of riders from the past week (168
hours) of demand and weather and the known calendar and weather of the next day (the observed
weather stands in for a weather forecast). Forecast origins are split in time: training from
January to August, validation September and October, test November and December. Windows that
touch an absent hour are dropped (:func:`tu.make_covariate_windows`).

Vocabulary
----------
window_size, horizon
    168 hours of past, 24 hours to forecast.
feature group
    ``calendar`` (hour of day and day of week, as sine and cosine), ``holidays`` (``holiday``
    and ``workingday``) and ``weather`` (``temp``, ``atemp``, ``hum``, ``windspeed`` and
    ``weathersit``): the inputs an ablation removes one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ._quiet import quiet_numpy2_copy_warning, quiet_retracing
from ._validation import check_positive_int, check_positive_number, check_seed
from .windows import make_covariate_windows

WINDOW_SIZE = 168
HORIZON = 24
FEATURE_GROUPS = {
    "calendar": ("hour_sin", "hour_cos", "weekday_sin", "weekday_cos"),
    "holidays": ("holiday", "workingday"),
    "weather": ("temp", "atemp", "hum", "windspeed", "weathersit"),
}
# The first forecast origin of each part; the last part ends with the year.
PART_STARTS = {"train": "2011-01-01", "validation": "2011-09-01", "test": "2011-11-01"}


def demand_covariates(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn :func:`tu.load_bikeshare`'s frame into the covariates of every feature group.

    Parameters
    ----------
    frame : pandas.DataFrame
        Hourly rows with ``holiday``, ``workingday`` and the weather columns, and an hourly
        ``DatetimeIndex``.

    Returns
    -------
    pandas.DataFrame
        Same index, one column per name of ``FEATURE_GROUPS`` in its order: hour of day and
        day of week as sine and cosine, the 0/1 holidays, the weather with ``weathersit``
        mapped from 1-4 to 0-1. NaN wherever the weather is absent.
    """
    index = frame.index
    hour = 2 * np.pi * index.hour / 24
    weekday = 2 * np.pi * index.dayofweek / 7
    columns = {
        "hour_sin": np.sin(hour),
        "hour_cos": np.cos(hour),
        "weekday_sin": np.sin(weekday),
        "weekday_cos": np.cos(weekday),
        "holiday": frame["holiday"].astype(float),
        "workingday": frame["workingday"].astype(float),
        "temp": frame["temp"],
        "atemp": frame["atemp"],
        "hum": frame["hum"],
        "windspeed": frame["windspeed"],
        "weathersit": (frame["weathersit"] - 1) / 3,
    }
    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True)
class DemandWindows:
    """Every complete forecast window of the year, one origin per hour.

    Attributes
    ----------
    x_past : numpy.ndarray
        float32, ``(n, 168, 1 + 5)``: riders, then the five weather columns, over the past week.
    x_future : numpy.ndarray
        float32, ``(n, 24, 11)``: the covariates of ``future_names`` over the next day.
    y : numpy.ndarray
        float32, ``(n, 24)``: riders over the next day.
    origins : pandas.DatetimeIndex
        The first hour forecast by each window, shape ``(n,)``.
    past_names, future_names : tuple of str
        The feature names of ``x_past`` and ``x_future``.
    """

    x_past: np.ndarray
    x_future: np.ndarray
    y: np.ndarray
    origins: pd.DatetimeIndex
    past_names: tuple[str, ...]
    future_names: tuple[str, ...]

    def part(self, name: str, every_hour: bool = False) -> np.ndarray:
        """Positions of the windows whose whole day ahead lies in a part of the year.

        Parameters
        ----------
        name : {"train", "validation", "test", "train+validation"}
            The part; ``"train+validation"`` is January to October (the final fit).
        every_hour : bool, default False
            Keep an origin at every hour (more training windows) instead of midnights only.

        Returns
        -------
        numpy.ndarray
            int64 positions into the windows, in time order.
        """
        bounds = {**PART_STARTS, "end": "2012-01-01"}
        names = list(PART_STARTS)
        if name == "train+validation":
            start, end = bounds["train"], bounds["test"]
        elif name in names:
            start, end = bounds[name], bounds[(names + ["end"])[names.index(name) + 1]]
        else:
            raise ValueError(f"name must be one of {names + ['train+validation']}, got {name!r}")
        last_hour = self.origins + pd.Timedelta(hours=self.y.shape[1] - 1)
        inside = (self.origins >= start) & (last_hour < end)
        if not every_hour:
            inside &= self.origins.hour == 0
        return np.flatnonzero(inside)


def make_demand_windows(frame: pd.DataFrame) -> DemandWindows:
    """Cut the bike-share year into day-ahead windows with past weather and known next day.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`tu.load_bikeshare`'s frame (8,760 hourly rows, NaN at absent hours).

    Returns
    -------
    DemandWindows
        One window per hour whose past week and next day are complete.
    """
    covariates = demand_covariates(frame)
    weather = list(FEATURE_GROUPS["weather"])
    x_past, x_future, y, origins = make_covariate_windows(
        frame["bikers"].to_numpy(),
        WINDOW_SIZE,
        HORIZON,
        past_covariates=covariates[weather].to_numpy(),
        future_covariates=covariates.to_numpy(),
    )
    return DemandWindows(
        x_past, x_future, y, frame.index[origins], ("bikers", *weather), tuple(covariates)
    )


def future_columns(names: Sequence[str], drop: Sequence[str] = ()) -> list[int]:
    """Positions of the covariates in ``names`` that belong to no dropped feature group."""
    unknown = sorted(set(drop) - set(FEATURE_GROUPS))
    if unknown:
        raise ValueError(f"unknown feature group(s) {unknown}; choose from {list(FEATURE_GROUPS)}")
    dropped = {name for group in drop for name in FEATURE_GROUPS[group]}
    return [k for k, name in enumerate(names) if name not in dropped]


def tabular_features(
    x_past: np.ndarray, x_future: np.ndarray, future_names: Sequence[str]
) -> pd.DataFrame:
    """One row per forecast hour: its known covariates and lags of demand, for Ridge and trees.

    Parameters
    ----------
    x_past : numpy.ndarray
        Shape ``(n, 168, F)``; feature 0 is the demand.
    x_future : numpy.ndarray
        Shape ``(n, 24, K)``: the covariates of each forecast hour.
    future_names : sequence of str
        The K names of ``x_future``'s covariates.

    Returns
    -------
    pandas.DataFrame
        ``n * 24`` rows (window by window, hour by hour): the K covariates, ``step`` (hours
        after the origin, 0-23), ``same_hour_yesterday`` (the demand 24 hours before),
        ``same_hour_last_week`` (168 hours before), ``mean_last_day`` and ``mean_last_week``.
    """
    num_windows, window_size, _ = x_past.shape
    horizon = x_future.shape[1]
    if window_size < 168 or horizon > 24:
        raise ValueError(
            f"tabular_features needs a past week (168 steps) and at most 24 hours ahead, got "
            f"window_size={window_size}, horizon={horizon}"
        )
    demand = x_past[:, :, 0]
    columns = {name: x_future[:, :, k].ravel() for k, name in enumerate(future_names)}
    columns["step"] = np.tile(np.arange(horizon), num_windows)
    columns["same_hour_yesterday"] = demand[
        :, window_size - 24 : window_size - 24 + horizon
    ].ravel()
    columns["same_hour_last_week"] = demand[
        :, window_size - 168 : window_size - 168 + horizon
    ].ravel()
    columns["mean_last_day"] = np.repeat(demand[:, -24:].mean(axis=1), horizon)
    columns["mean_last_week"] = np.repeat(demand[:, -168:].mean(axis=1), horizon)
    return pd.DataFrame(columns)


def fit_tabular_model(kind: str, features: pd.DataFrame, y: np.ndarray) -> object:
    """Fit Ridge or HistGradientBoostingRegressor on rows of :func:`tabular_features`.

    Parameters
    ----------
    kind : {"ridge", "boosting"}
        ``Ridge(alpha=1)`` after standardising, or ``HistGradientBoostingRegressor`` (Poisson
        loss, chosen on the validation part; 300 iterations, learning rate 0.05, no early
        stopping, so the fit is deterministic).
    features : pandas.DataFrame
        Shape ``(n * 24, num_features)``.
    y : numpy.ndarray
        The riders, shape ``(n, 24)`` or ``(n * 24,)``.

    Returns
    -------
    sklearn estimator
        Fitted; ``.predict(features)`` returns ``(rows,)``.
    """
    if kind == "ridge":
        model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    elif kind == "boosting":
        model = HistGradientBoostingRegressor(
            loss="poisson", max_iter=300, learning_rate=0.05, early_stopping=False
        )
    else:
        raise ValueError(f"kind must be 'ridge' or 'boosting', got {kind!r}")
    return model.fit(features, np.asarray(y).ravel())


def build_demand_lstm(
    num_days: int,
    num_past_features: int,
    horizon: int,
    num_future_features: int,
    units: int = 32,
    hidden_units: int = 64,
) -> object:
    """Build the two-input network of notebook 06 (Keras functional API).

    An LSTM reads the past week day by day (``num_days`` steps, each the 24 hours of every past
    feature side by side) into ``units`` numbers; the next day's known covariates, flattened,
    join them; a ``hidden_units`` ReLU layer mixes both; a linear layer gives ``horizon``
    outputs. Without future covariates (``num_future_features=0``) the network has one input.

    Parameters
    ----------
    num_days : int
        Steps of the past input (7 for a week).
    num_past_features : int
        Features per step: 24 hours times the features per hour.
    horizon : int
        Outputs (24).
    num_future_features : int
        Covariates per future hour (0 for none).
    units, hidden_units : int
        Sizes of the LSTM and of the hidden Dense layer.

    Returns
    -------
    keras.Model
        Inputs ``(batch, num_days, num_past_features)`` (and ``(batch, horizon,
        num_future_features)``), output ``(batch, horizon)``.
    """
    import keras

    past = keras.Input(shape=(num_days, num_past_features), name="past")
    summary = keras.layers.LSTM(units, name="lstm")(past)
    inputs = [past]
    if num_future_features > 0:
        future = keras.Input(shape=(horizon, num_future_features), name="future")
        inputs.append(future)
        summary = keras.layers.Concatenate()([summary, keras.layers.Flatten()(future)])
    hidden = keras.layers.Dense(hidden_units, activation="relu")(summary)
    outputs = keras.layers.Dense(horizon, name="next_day")(hidden)
    return keras.Model(inputs, outputs)


def days_as_steps(x_past: np.ndarray) -> np.ndarray:
    """Fold ``(n, 168, F)`` hourly windows into ``(n, 7, 24 * F)``: one LSTM step per day."""
    num_windows, window_size, num_features = x_past.shape
    if window_size % 24:
        raise ValueError(f"window_size must be whole days (a multiple of 24), got {window_size}")
    return x_past.reshape(num_windows, window_size // 24, 24 * num_features)


class DemandLSTM:
    """Train :func:`build_demand_lstm` on windows and forecast riders (notebook 06).

    Demand is modelled as ``log(1 + riders)``, standardised with the training windows' mean and
    standard deviation (the past demand input too); the weather and the calendar are already
    between -1 and 1. Adam, mean squared error, ``num_epochs`` passes, batches of ``batch_size``.

    Parameters
    ----------
    seed : int, default 0
        Seeds the initial weights and the batch order.
    num_epochs : int, default 30
        Passes over the training windows (chosen on the validation part).
    units : int, default 32
        LSTM units.
    learning_rate : float, default 0.003
        Adam's learning rate.
    batch_size : int, default 64
        Windows per gradient step.
    """

    def __init__(
        self,
        seed: int = 0,
        num_epochs: int = 30,
        units: int = 32,
        learning_rate: float = 3e-3,
        batch_size: int = 64,
    ) -> None:
        self.seed = check_seed(seed)
        self.num_epochs = check_positive_int(num_epochs, "num_epochs")
        self.units = check_positive_int(units, "units")
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.batch_size = check_positive_int(batch_size, "batch_size")

    def _inputs(self, x_past: np.ndarray, x_future: np.ndarray | None) -> list[np.ndarray]:
        past = np.array(x_past, dtype=np.float32)
        past[:, :, 0] = (np.log1p(past[:, :, 0]) - self.mean_) / self.std_
        inputs = [days_as_steps(past)]
        if x_future is not None and x_future.shape[-1] > 0:
            inputs.append(np.asarray(x_future, dtype=np.float32))
        return inputs

    def fit(self, x_past: np.ndarray, x_future: np.ndarray | None, y: np.ndarray) -> DemandLSTM:
        """Fit on windows ``(n, 168, F)``, ``(n, 24, K)`` (or None) and targets ``(n, 24)``."""
        import keras

        log_y = np.log1p(np.asarray(y, dtype=np.float64))
        self.mean_, self.std_ = float(log_y.mean()), float(log_y.std())
        inputs = self._inputs(x_past, x_future)
        keras.utils.set_random_seed(self.seed)
        num_future = inputs[1].shape[-1] if len(inputs) > 1 else 0
        self.model_ = build_demand_lstm(
            inputs[0].shape[1], inputs[0].shape[2], log_y.shape[1], num_future, self.units
        )
        self.model_.compile(
            optimizer=keras.optimizers.Adam(learning_rate=self.learning_rate), loss="mse"
        )
        with quiet_numpy2_copy_warning():
            self.model_.fit(
                inputs,
                ((log_y - self.mean_) / self.std_).astype(np.float32),
                epochs=self.num_epochs,
                batch_size=self.batch_size,
                verbose=0,
            )
        return self

    def predict(self, x_past: np.ndarray, x_future: np.ndarray | None) -> np.ndarray:
        """Forecast riders, shape ``(n, 24)``, from windows like those of :meth:`fit`."""
        if not hasattr(self, "model_"):
            raise RuntimeError("this DemandLSTM is not fitted yet; call fit first")
        with quiet_retracing():
            scaled = self.model_.predict(self._inputs(x_past, x_future), verbose=0)
        return np.expm1(scaled * self.std_ + self.mean_)


def select_inputs(
    windows: DemandWindows,
    positions: np.ndarray,
    drop: Sequence[str] = (),
    future_weather: bool = True,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return the windows at ``positions`` without the dropped feature groups.

    Parameters
    ----------
    windows : DemandWindows
        Every window of the year.
    positions : numpy.ndarray
        Which windows, e.g. ``windows.part("test")``.
    drop : sequence of str
        Feature groups to leave out everywhere (``"weather"`` also leaves out past weather).
    future_weather : bool, default True
        False keeps the past weather but not the next day's (no weather forecast).

    Returns
    -------
    x_past : numpy.ndarray
        ``(n, 168, 1 + P)``, P = 5 or 0.
    x_future : numpy.ndarray
        ``(n, 24, K)``.
    future_names : list of str
        The K names.
    """
    future_drop = [*drop, *([] if future_weather else ["weather"])]
    columns = future_columns(windows.future_names, future_drop)
    x_past = windows.x_past[positions]
    if "weather" in drop:
        x_past = x_past[:, :, :1]
    x_future = windows.x_future[positions][:, :, columns]
    return x_past, x_future, [windows.future_names[k] for k in columns]


def seasonal_mae_scale(values: np.ndarray, season_length: int = 168) -> float:
    """MASE's scale: the mean of ``|v[t] - v[t - season_length]|`` over pairs without a gap."""
    values = np.asarray(values, dtype=np.float64)
    season_length = check_positive_int(season_length, "season_length")
    changes = np.abs(values[season_length:] - values[:-season_length])
    if not np.isfinite(changes).any():
        raise ValueError(f"no pair of values {season_length} steps apart is free of gaps")
    return float(np.nanmean(changes))


def demand_scores(y_true: np.ndarray, y_pred: np.ndarray, scale: float) -> dict[str, float]:
    """MAE, RMSE (riders) and MASE (MAE / ``scale``) of day-ahead forecasts ``(n, 24)``."""
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    if error.ndim != 2 or not np.isfinite(error).all():
        raise ValueError(f"forecasts must be finite, shape (n, 24), got {error.shape}")
    mae = float(np.abs(error).mean())
    return {"mae": mae, "rmse": float(np.sqrt((error**2).mean())), "mase": mae / scale}


def tabular_forecast(
    kind: str,
    windows: DemandWindows,
    fit_part: str,
    score_part: str,
    drop: Sequence[str] = (),
) -> np.ndarray:
    """Fit a Ridge or gradient-boosting model on one part and forecast another, ``(n, 24)``."""
    fit_past, fit_future, names = select_inputs(windows, windows.part(fit_part), drop)
    past, future, _ = select_inputs(windows, windows.part(score_part), drop)
    model = fit_tabular_model(
        kind, tabular_features(fit_past, fit_future, names), windows.y[windows.part(fit_part)]
    )
    return model.predict(tabular_features(past, future, names)).reshape(len(past), -1)


def lstm_forecast(
    windows: DemandWindows,
    fit_part: str,
    score_part: str,
    seed: int = 0,
    drop: Sequence[str] = (),
    future_weather: bool = True,
) -> np.ndarray:
    """Train :class:`DemandLSTM` on every hour's window of one part, forecast another's days.

    Returns
    -------
    numpy.ndarray
        Riders, shape ``(n, 24)``, one row per midnight origin of ``score_part``.
    """
    fit = windows.part(fit_part, every_hour=True)
    x_past, x_future, _ = select_inputs(windows, fit, drop, future_weather)
    model = DemandLSTM(seed=seed).fit(x_past, x_future, windows.y[fit])
    past, future, _ = select_inputs(windows, windows.part(score_part), drop, future_weather)
    return model.predict(past, future)


# The models of notebook 06's table: LSTM name -> (feature groups dropped, future weather used).
LSTM_VARIANTS = {
    "LSTM, demand only": (("calendar", "holidays", "weather"), False),
    "LSTM, demand, weather, holidays, calendar": ((), True),
    "LSTM, no future weather": ((), False),
    "LSTM, no weather": (("weather",), False),
    "LSTM, no holidays": (("holidays",), True),
    "LSTM, no calendar": (("calendar",), True),
}
