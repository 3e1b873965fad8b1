"""An LSTM forecaster for one regular series, packaged from notebook 05.

The recipe: (optionally) take logs, remove the trend and the season with a seasonal difference,
standardise with the training mean and standard deviation (:class:`SeasonalDifferencer`), cut
windows of one season, and train a small LSTM to predict the next value (recursive strategy) or
the next ``num_outputs`` values at once (direct strategy). Forecasts are mapped back step by step
to the original units. An ensemble of ``num_models`` networks, trained with consecutive seeds,
averages their forecasts.

Vocabulary
----------
horizon
    How many future periods a forecast covers: ``predict(horizon)``.
num_outputs
    How many values the network predicts per input window: 1 for the recursive strategy, the
    width of the direct strategy's output layer otherwise. A direct forecaster with
    ``num_outputs=12`` can still forecast a horizon of 36, a block of 12 at a time.
num_models
    How many networks an ensemble trains (seeds ``seed``, ``seed + 1``, ...) and averages.
season_length
    Periods per season (12 for monthly data with a yearly pattern).
coverage
    The nominal probability that a prediction interval holds the actual value, e.g. 0.9:
    ``predict(horizon, coverage=0.9)`` (notebook 07).
calibration_size
    How many of the last training values the split-conformal calibration forecasts (notebook
    07): a second set of networks, fitted on the values before them, forecasts them from every
    origin among them, and the errors per horizon step set the interval's half-width.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from ._quiet import quiet_numpy2_copy_warning, quiet_retracing
from ._validation import (
    check_fraction,
    check_positive_int,
    check_positive_number,
    check_regular_series,
    check_seed,
    future_index,
)
from .differencing import SeasonalDifferencer
from .intervals import conformal_quantile
from .windows import make_windows

SETTINGS_FILE = "forecaster.json"
STRATEGIES = ("recursive", "direct")


def build_lstm_model(window_size: int, num_outputs: int, units: int = 16) -> object:
    """Build the forecasters' network: one LSTM layer and a linear Dense read-out.

    The network of notebook 04 (``tu.build_sine_lstm``, with one output and 50 units) and of
    notebook 05 (:class:`LSTMForecaster`). Introduced in notebook 05.

    Parameters
    ----------
    window_size : int
        Time steps per input window.
    num_outputs : int
        Values predicted per window: 1 for the recursive strategy, more for the direct one.
    units : int, default 16
        Size of the LSTM's hidden and cell states.

    Returns
    -------
    keras.Model
        Maps inputs of shape ``(batch, window_size, 1)`` to outputs ``(batch, num_outputs)``;
        not compiled.
    """
    import keras

    window_size = check_positive_int(window_size, "window_size")
    num_outputs = check_positive_int(num_outputs, "num_outputs")
    units = check_positive_int(units, "units")
    return keras.Sequential(
        [
            keras.Input(shape=(window_size, 1)),
            keras.layers.LSTM(units),
            keras.layers.Dense(num_outputs),
        ]
    )


def _model_files(num_models: int) -> list[str]:
    """Return the Keras files of a saved forecaster: one network, or one per ensemble member."""
    return ["model.keras"] if num_models == 1 else [f"model_{k}.keras" for k in range(num_models)]


class LSTMForecaster(BaseEstimator):
    """Forecast a regular series with a small LSTM on its seasonally differenced values.

    Introduced in notebook 05, where every step is built by hand first.

    Preprocessing, fitted on the training series only (:class:`SeasonalDifferencer`): ``log``
    (optional), then the seasonal difference ``d[t] = v[t] - v[t - season_length]``, which
    removes the season and turns a steady trend into a level, then standardisation with the
    mean and standard deviation of ``d``. The LSTM reads windows of ``window_size`` standardised
    differences. Forecasts of ``d`` are turned back into values with
    ``v[t] = v[t - season_length] + d[t]``.

    The settings follow scikit-learn's conventions (``sklearn.base.BaseEstimator``): the
    constructor stores them unchanged, ``get_params``, ``set_params`` and the ``repr`` read them
    from its signature, and ``fit`` checks them.

    Parameters
    ----------
    season_length : int, default 12
        Periods per season (12 for monthly data with a yearly pattern).
    seed : int, default 0
        Seed of the first network; network ``k`` of an ensemble gets ``seed + k``.
    window_size : int, optional
        Differences per input window; defaults to ``season_length`` (one whole season).
    strategy : {"recursive", "direct"}, default "recursive"
        "recursive": predict one step, append it to the window, repeat. "direct": predict
        ``num_outputs`` steps at once (and, for longer forecasts, feed them back a block at a
        time).
    num_outputs : int, optional
        Values the network predicts per window: required with ``strategy="direct"``; 1 (the
        default) with ``strategy="recursive"``.
    log : bool, default False
        Take logs first (positive series only): a multiplicative season becomes additive.
    units : int, default 16
        Size of the LSTM's states.
    num_epochs : int, default 10
        Passes over the repeated training windows.
    repeats : int, default 8
        The training windows are repeated this many times per epoch: with ~100 windows an
        epoch is only a few steps and Keras' fixed cost per epoch would dominate.
    batch_size : int, default 16
        Windows per gradient step.
    learning_rate : float, default 0.01
        Adam's step size.
    num_models : int, default 1
        Networks to train, with seeds ``seed, seed + 1, ...``; their forecasts, in the units
        of the series, are averaged. Notebook 05 finds a 5-seed ensemble more accurate than
        any one seed on average.
    calibration_size : int, optional
        Calibrate prediction intervals (notebook 07) on the last ``calibration_size`` training
        values: ``fit`` trains a second set of ``num_models`` networks on the values before
        them, forecasts from each origin among them to the end of the training series, and
        keeps the errors (:attr:`calibration_errors_`). None (the default) skips this, and
        ``predict`` then gives point forecasts only. Fitting takes about twice as long.

    Attributes
    ----------
    models_ : list of keras.Model
        The ``num_models`` trained networks, in seed order.
    model_ : keras.Model
        The first of them (the only one when ``num_models=1``).
    differencer_ : SeasonalDifferencer
        The preprocessing fitted on the training series: its ``mean_`` and ``std_``.
    window_size_ : int
        The window size used: ``window_size``, or ``season_length`` when that is None.
    num_outputs_ : int
        The values predicted per window: 1 for the recursive strategy, ``num_outputs`` for the
        direct one.
    history_ : numpy.ndarray
        The last ``window_size_ + season_length`` training values, shape
        ``(window_size_ + season_length,)``: what a forecast starts from.
    last_date_ : pandas.Timestamp
        The date of the last training value.
    freq_ : str
        The training series' frequency, e.g. ``"MS"``.
    calibration_errors_ : numpy.ndarray or None
        Shape ``(calibration_size, calibration_size)``: row ``j`` holds the errors of the
        forecast made from the ``j``-th calibration origin, column ``h - 1`` its error ``h``
        steps ahead (NaN past the end of the training series). Errors are actual minus
        forecast, of the logs when ``log=True`` (so intervals scale with the level). None
        without ``calibration_size``.

    Notes
    -----
    ``fit`` calls ``keras.utils.set_random_seed(seed + k)`` before it builds network ``k``, which
    reseeds Python's ``random``, NumPy's global generator and the Keras backend: a side effect
    on global state, kept on purpose so that the same seed gives the same forecast in any
    notebook, whatever ran before (notebook 05's numbers depend on it).

    Examples
    --------
    >>> forecaster = LSTMForecaster(seed=0).fit(tu.load_airline()[:108])  # doctest: +SKIP
    >>> forecaster.predict(36)  # pd.Series for 1958-01 .. 1960-12       # doctest: +SKIP
    """

    def __init__(
        self,
        season_length: int = 12,
        seed: int = 0,
        window_size: int | None = None,
        strategy: str = "recursive",
        num_outputs: int | None = None,
        log: bool = False,
        units: int = 16,
        num_epochs: int = 10,
        repeats: int = 8,
        batch_size: int = 16,
        learning_rate: float = 0.01,
        num_models: int = 1,
        calibration_size: int | None = None,
    ) -> None:
        self.season_length = season_length
        self.seed = seed
        self.window_size = window_size
        self.strategy = strategy
        self.num_outputs = num_outputs
        self.log = log
        self.units = units
        self.num_epochs = num_epochs
        self.repeats = repeats
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.num_models = num_models
        self.calibration_size = calibration_size

    # -- settings and state ------------------------------------------------------------------

    def _checked_settings(self) -> dict[str, Any]:
        """Check every setting and return them with ``window_size`` and ``num_outputs`` set."""
        season_length = check_positive_int(self.season_length, "season_length")
        window_size = season_length if self.window_size is None else self.window_size
        if self.strategy not in STRATEGIES:
            raise ValueError(f"strategy must be 'recursive' or 'direct', got {self.strategy!r}")
        if self.strategy == "direct":
            if self.num_outputs is None:
                raise ValueError(
                    "strategy='direct' needs the number of values it learns to predict per "
                    "window, e.g. num_outputs=36"
                )
            num_outputs = check_positive_int(self.num_outputs, "num_outputs")
        elif self.num_outputs not in (None, 1):
            raise ValueError(
                f"strategy='recursive' predicts one value per window, got "
                f"num_outputs={self.num_outputs!r}; pass strategy='direct' to predict several"
            )
        else:
            num_outputs = 1
        if not isinstance(self.log, bool):
            raise TypeError(f"log must be True or False, got {self.log!r}")
        return {
            "season_length": season_length,
            "seed": check_seed(self.seed),
            "window_size": check_positive_int(window_size, "window_size"),
            "num_outputs": num_outputs,
            "units": check_positive_int(self.units, "units"),
            "num_epochs": check_positive_int(self.num_epochs, "num_epochs"),
            "repeats": check_positive_int(self.repeats, "repeats"),
            "batch_size": check_positive_int(self.batch_size, "batch_size"),
            "learning_rate": check_positive_number(self.learning_rate, "learning_rate"),
            "num_models": check_positive_int(self.num_models, "num_models"),
            "calibration_size": None
            if self.calibration_size is None
            else check_positive_int(self.calibration_size, "calibration_size"),
        }

    @property
    def model_(self) -> object:
        """The first trained network (the only one when ``num_models=1``)."""
        if not hasattr(self, "models_"):
            raise AttributeError("this LSTMForecaster is not fitted yet; call .fit(series) first")
        return self.models_[0]

    def _check_fitted(self) -> None:
        if not hasattr(self, "models_"):
            raise ValueError("this LSTMForecaster is not fitted yet; call .fit(series) first")

    # -- fit and predict ---------------------------------------------------------------------

    def fit(self, series: pd.Series) -> LSTMForecaster:
        """Check the settings, learn the preprocessing and train the network(s) on ``series``.

        Parameters
        ----------
        series : pandas.Series
            The training series, shape ``(T,)`` with ``T >= season_length + window_size +
            num_outputs``, on regularly spaced dates (a ``DatetimeIndex``), without NaN;
            positive when ``log=True``.

        Returns
        -------
        LSTMForecaster
            ``self``, fitted.
        """
        settings = self._checked_settings()
        season_length, window_size = settings["season_length"], settings["window_size"]
        num_outputs = settings["num_outputs"]
        calibration_size = settings["calibration_size"]
        values, index = check_regular_series(series, "series")
        if self.log and np.any(values <= 0):
            raise ValueError(
                f"log=True needs positive values, but series has a minimum of {values.min():g}; "
                "pass log=False"
            )
        min_length = season_length + window_size + num_outputs
        if values.size < min_length:
            raise ValueError(
                f"series has {values.size} values but window_size={window_size} after a "
                f"seasonal difference of season_length={season_length} needs at least "
                f"{min_length}; pass a longer series or a smaller window_size"
            )
        if calibration_size is not None and values.size - calibration_size < min_length:
            raise ValueError(
                f"calibration_size={calibration_size} leaves {values.size - calibration_size} "
                f"of the {values.size} values to fit the calibration networks on, fewer than "
                f"the {min_length} needed; pass a smaller calibration_size or a longer series"
            )
        self.models_, self.differencer_ = self._train(values, settings)
        self.window_size_, self.num_outputs_ = window_size, num_outputs
        self.history_ = values[-(window_size + season_length) :].copy()
        self.last_date_ = index[-1]
        self.freq_ = index.freq.freqstr
        self.calibration_errors_ = None
        if calibration_size is not None:
            self.calibration_errors_ = self._calibration_errors(values, calibration_size, settings)
        return self

    def _train(
        self, values: np.ndarray, settings: dict[str, Any]
    ) -> tuple[list[object], SeasonalDifferencer]:
        """Fit the preprocessing and train ``num_models`` networks on ``values``."""
        import keras

        window_size, num_outputs = settings["window_size"], settings["num_outputs"]
        differencer = SeasonalDifferencer(settings["season_length"], log=self.log).fit(values)
        x_train, y_train = make_windows(
            differencer.transform(values), window_size, horizon=num_outputs
        )
        models = []
        for k in range(settings["num_models"]):
            keras.utils.set_random_seed(settings["seed"] + k)
            model = build_lstm_model(window_size, num_outputs, settings["units"])
            model.compile(optimizer=keras.optimizers.Adam(settings["learning_rate"]), loss="mse")
            with quiet_numpy2_copy_warning():
                model.fit(
                    np.tile(x_train, (settings["repeats"], 1, 1)),
                    np.tile(y_train, (settings["repeats"], 1)),
                    epochs=settings["num_epochs"],
                    batch_size=settings["batch_size"],
                    shuffle=True,
                    verbose=0,
                )
            models.append(model)
        return models, differencer

    def _calibration_errors(
        self, values: np.ndarray, calibration_size: int, settings: dict[str, Any]
    ) -> np.ndarray:
        """Errors of networks fitted before the last ``calibration_size`` values, per step."""
        start = values.size - calibration_size
        models, differencer = self._train(values[:start], settings)
        context = self.window_size_ + settings["season_length"]
        # Origin j is the value just before values[start + j]: forecast from there to the end.
        histories = np.stack(
            [values[start + j - context : start + j] for j in range(calibration_size)]
        )
        with quiet_retracing():
            forecasts = np.mean(
                [
                    self._forecast(model, differencer, histories, calibration_size)
                    for model in models
                ],
                axis=0,
            )
        errors = np.full((calibration_size, calibration_size), np.nan)
        for j in range(calibration_size):
            actual = values[start + j :]
            if self.log:
                errors[j, : actual.size] = np.log(actual) - np.log(forecasts[j, : actual.size])
            else:
                errors[j, : actual.size] = actual - forecasts[j, : actual.size]
        return errors

    def _forecast(
        self,
        model: object,
        differencer: SeasonalDifferencer,
        histories: np.ndarray,
        horizon: int,
    ) -> np.ndarray:
        """Forecast ``horizon`` values after each row of ``histories``, shape ``(B, horizon)``."""
        # Feed the network its own scaled differences, a block of num_outputs_ at a time; all
        # origins go through the network together, one batch per block.
        scaled = np.stack([differencer.transform(history) for history in histories])
        num_known = scaled.shape[1]
        while scaled.shape[1] - num_known < horizon:
            windows = scaled[:, -self.window_size_ :].astype(np.float32)[:, :, np.newaxis]
            step = np.asarray(model.predict_on_batch(windows), dtype=np.float64)
            scaled = np.concatenate([scaled, step], axis=1)
        ahead = scaled[:, num_known : num_known + horizon]
        return np.stack(
            [
                differencer.inverse_transform(row, history=history)
                for row, history in zip(ahead, histories, strict=True)
            ]
        )

    def predict(self, horizon: int, coverage: float | None = None) -> pd.Series | pd.DataFrame:
        """Forecast the ``horizon`` periods after the end of the training series.

        Parameters
        ----------
        horizon : int
            Number of future periods (>= 1).
        coverage : float, optional
            Also return a split-conformal prediction interval meant to hold the actual value
            with this probability, in (0, 1), e.g. 0.9 (notebook 07). Needs a forecaster
            fitted with ``calibration_size``; the half-width ``h`` steps ahead is the
            ``ceil((n + 1) * coverage)``-th smallest of the ``n`` absolute calibration errors
            ``h`` steps ahead (:func:`tutorial_utils.conformal_quantile`), so ``horizon`` may
            not exceed the steps with enough errors. With ``log=True`` the errors are of the
            logs and the interval is ``forecast * exp(-+ half-width)``.

        Returns
        -------
        pandas.Series or pandas.DataFrame
            Without ``coverage``: a Series of shape ``(horizon,)``, in the units of the
            training series, indexed by the ``horizon`` dates that follow its last date; the
            mean of the networks' forecasts for an ensemble. With ``coverage``: a DataFrame
            of shape ``(horizon, 3)`` on the same dates, columns ``forecast``, ``lower`` and
            ``upper``.
        """
        self._check_fitted()
        horizon = check_positive_int(horizon, "horizon")
        if coverage is not None:
            coverage = check_fraction(coverage, "coverage")
            half_width = self._half_width(horizon, coverage)
        histories = self.history_[np.newaxis, :]
        with quiet_retracing():
            forecasts = [
                self._forecast(model, self.differencer_, histories, horizon)[0]
                for model in self.models_
            ]
        index = future_index(pd.date_range(self.last_date_, periods=1, freq=self.freq_), horizon)
        forecast = pd.Series(np.mean(forecasts, axis=0), index=index, name="LSTM")
        if coverage is None:
            return forecast
        if self.log:
            lower, upper = forecast * np.exp(-half_width), forecast * np.exp(half_width)
        else:
            lower, upper = forecast - half_width, forecast + half_width
        return pd.DataFrame({"forecast": forecast, "lower": lower, "upper": upper})

    def _half_width(self, horizon: int, coverage: float) -> np.ndarray:
        errors = self.calibration_errors_
        if errors is None:
            raise ValueError(
                "this LSTMForecaster was fitted without calibration, so it has no intervals; "
                "refit with e.g. LSTMForecaster(calibration_size=24) or call predict(horizon)"
            )
        num_errors = np.sum(~np.isnan(errors), axis=0)  # per step: calibration_size - h + 1
        enough = np.flatnonzero(num_errors >= coverage / (1 - coverage) - 1e-9)
        max_horizon = int(enough[-1]) + 1 if enough.size else 0
        if horizon > max_horizon:
            needed = int(np.ceil(coverage / (1 - coverage) - 1e-9))
            raise ValueError(
                f"coverage={coverage} needs at least {needed} calibration errors per horizon "
                f"step, and calibration_size={errors.shape[0]} gives that many up to step "
                f"{max_horizon} only; ask horizon <= {max_horizon}, a lower coverage, or refit "
                f"with calibration_size >= {horizon + needed - 1}"
            )
        return conformal_quantile(errors[:, :horizon], coverage)

    def predict_one_step(self, series: pd.Series) -> pd.Series:
        """Forecast each value after the training data one step ahead, from the true values.

        The "one step ahead with true inputs" protocol of notebook 05's persistence trap: the
        window for month ``t`` holds the actual values up to ``t - 1``, never a forecast. The
        network is not retrained.

        Parameters
        ----------
        series : pandas.Series
            The training series followed by the values to forecast, shape ``(T,)``, at the
            training frequency; it must contain the training series' last date.

        Returns
        -------
        pandas.Series
            One forecast for each date of ``series`` after the training series' last date (the
            mean of the networks' forecasts for an ensemble).
        """
        self._check_fitted()
        values, index = check_regular_series(series, "series")
        if index.freq.freqstr != self.freq_:
            raise ValueError(
                f"series is spaced {index.freq.freqstr} but the forecaster was fitted on "
                f"{self.freq_} data"
            )
        if self.last_date_ not in index or index[-1] == self.last_date_:
            raise ValueError(
                f"series must contain the last training date {self.last_date_.date()} and "
                "at least one date after it: pass the training series followed by new values"
            )
        end = index.get_loc(self.last_date_) + 1
        start = end - self.history_.size
        if start < 0 or not np.allclose(values[start:end], self.history_):
            raise ValueError(
                "series does not match the training series up to its last date; pass the "
                "training series followed by the values to forecast"
            )
        scaled = self.differencer_.transform(values[start:])
        # Window k ends just before the k-th new value: the last window_size_ differences seen.
        num_new = values.size - end
        windows = np.stack([scaled[k : k + self.window_size_] for k in range(num_new)])
        windows = windows.astype(np.float32)[:, :, np.newaxis]
        season_before = values[start + self.window_size_ : start + self.window_size_ + num_new]
        with quiet_retracing():
            forecasts = [
                self.differencer_.undifference(
                    np.asarray(model.predict_on_batch(windows), dtype=np.float64)[:, 0],
                    season_before,
                )
                for model in self.models_
            ]
        return pd.Series(np.mean(forecasts, axis=0), index=index[end:], name="LSTM one-step")

    # -- save and load -----------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the fitted forecaster to the folder ``path`` (created if needed).

        The folder holds the network (``model.keras``; ``model_0.keras``, ``model_1.keras``,
        ... for an ensemble) and ``forecaster.json``: the settings (``get_params()``), the
        preprocessing's mean and standard deviation, the end of the training series that
        forecasts start from, and the calibration errors of the prediction intervals.

        Parameters
        ----------
        path : str or pathlib.Path
            The folder to write.

        Returns
        -------
        pathlib.Path
            The folder.
        """
        self._check_fitted()
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise ValueError(f"path {folder} is a file; pass a folder path for the forecaster")
        folder.mkdir(parents=True, exist_ok=True)
        with quiet_numpy2_copy_warning():
            for model, name in zip(self.models_, _model_files(len(self.models_)), strict=True):
                model.save(folder / name)
        state = {
            "params": self.get_params(),
            "mean": self.differencer_.mean_,
            "std": self.differencer_.std_,
            "history": self.history_.tolist(),
            "last_date": self.last_date_.isoformat(),
            "freq": self.freq_,
            "calibration_errors": None
            if self.calibration_errors_ is None
            else [[None if np.isnan(e) else e for e in row] for row in self.calibration_errors_],
        }
        (folder / SETTINGS_FILE).write_text(json.dumps(state, indent=2), encoding="utf-8")
        return folder

    @classmethod
    def load(cls, path: str | Path) -> LSTMForecaster:
        """Read a forecaster written by :meth:`save`; it forecasts exactly as before saving.

        Parameters
        ----------
        path : str or pathlib.Path
            The folder given to ``save``.

        Returns
        -------
        LSTMForecaster
            A fitted forecaster.
        """
        import keras

        folder = Path(path)
        settings_file = folder / SETTINGS_FILE
        if not settings_file.is_file():
            raise FileNotFoundError(
                f"no saved LSTMForecaster at {folder}: {SETTINGS_FILE} missing; "
                "write one with forecaster.save(path)"
            )
        state = json.loads(settings_file.read_text(encoding="utf-8"))
        forecaster = cls(**state["params"])
        settings = forecaster._checked_settings()
        files = _model_files(settings["num_models"])
        missing = [name for name in files if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"no saved LSTMForecaster at {folder}: {' and '.join(missing)} missing; "
                "write one with forecaster.save(path)"
            )
        with quiet_numpy2_copy_warning():
            forecaster.models_ = [keras.models.load_model(folder / name) for name in files]
        differencer = SeasonalDifferencer(settings["season_length"], log=forecaster.log)
        differencer.mean_, differencer.std_ = float(state["mean"]), float(state["std"])
        forecaster.differencer_ = differencer
        forecaster.window_size_ = settings["window_size"]
        forecaster.num_outputs_ = settings["num_outputs"]
        forecaster.history_ = np.asarray(state["history"], dtype=np.float64)
        forecaster.last_date_ = pd.Timestamp(state["last_date"])
        forecaster.freq_ = state["freq"]
        errors = state.get("calibration_errors")
        forecaster.calibration_errors_ = (
            None if errors is None else np.asarray(errors, dtype=np.float64)
        )
        return forecaster
