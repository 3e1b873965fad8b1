"""An LSTM forecaster for one regular series, packaged from notebook 05.

The recipe: (optionally) take logs, remove the trend and the season with a seasonal difference,
standardise with the training mean and standard deviation, cut windows of one season, and train
a small LSTM to predict the next value (recursive strategy) or the next ``num_outputs`` values
at once (direct strategy). Forecasts are mapped back step by step to the original units.

Vocabulary
----------
horizon
    How many future periods a forecast covers: ``predict(horizon)``.
num_outputs
    How many values the network predicts per input window: 1 for the recursive strategy, the
    width of the direct strategy's output layer otherwise. A direct forecaster with
    ``num_outputs=12`` can still forecast a horizon of 36, a block of 12 at a time.
season_length
    Periods per season (12 for monthly data with a yearly pattern).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._quiet import quiet_numpy2_copy_warning, quiet_retracing
from ._validation import (
    check_positive_int,
    check_positive_number,
    check_regular_series,
    check_seed,
    future_index,
)
from .windows import make_windows

MODEL_FILE = "model.keras"
SETTINGS_FILE = "forecaster.json"
STRATEGIES = ("recursive", "direct")


def build_lstm_model(window_size: int, num_outputs: int, units: int = 16) -> object:
    """Build the forecaster's network: one LSTM layer and a linear Dense read-out.

    Introduced in notebook 05.

    Parameters
    ----------
    window_size : int
        Time steps per input window.
    num_outputs : int
        Values predicted per window: 1 for the recursive strategy, ``num_outputs`` for the direct.
    units : int, default 16
        Size of the LSTM's hidden and cell states.

    Returns
    -------
    keras.Model
        Maps inputs of shape ``(batch, window_size, 1)`` to outputs ``(batch, num_outputs)``;
        compiled with Adam and the mean squared error by :class:`LSTMForecaster`.
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


class LSTMForecaster:
    """Forecast a regular series with a small LSTM on its seasonally differenced values.

    Introduced in notebook 05, where every step is built by hand first.

    Preprocessing, fitted on the training series only: ``log`` (optional), then the seasonal
    difference ``d[t] = v[t] - v[t - season_length]``, which removes the season and turns a
    steady trend into a level, then standardisation with the mean and standard deviation of
    ``d``. The LSTM reads windows of ``window_size`` standardised differences. Forecasts of
    ``d`` are turned back into values with ``v[t] = v[t - season_length] + d[t]``.

    Parameters
    ----------
    season_length : int, default 12
        Periods per season (12 for monthly data with a yearly pattern).
    seed : int, default 0
        ``fit`` seeds Python, NumPy and Keras with it, so the same seed gives the same forecast.
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

    Attributes
    ----------
    model_ : keras.Model
        The trained network, after ``fit``.

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
    ) -> None:
        self.season_length = check_positive_int(season_length, "season_length")
        self.seed = check_seed(seed)
        self.window_size = check_positive_int(
            self.season_length if window_size is None else window_size, "window_size"
        )
        if strategy not in STRATEGIES:
            raise ValueError(f"strategy must be 'recursive' or 'direct', got {strategy!r}")
        self.strategy = strategy
        if strategy == "direct":
            if num_outputs is None:
                raise ValueError(
                    "strategy='direct' needs the number of values it learns to predict per "
                    "window, e.g. num_outputs=36"
                )
            self.num_outputs = check_positive_int(num_outputs, "num_outputs")
        else:
            if num_outputs not in (None, 1):
                raise ValueError(
                    f"strategy='recursive' predicts one value per window, got "
                    f"num_outputs={num_outputs!r}; pass strategy='direct' to predict several"
                )
            self.num_outputs = 1
        if not isinstance(log, bool):
            raise TypeError(f"log must be True or False, got {log!r}")
        self.log = log
        self.units = check_positive_int(units, "units")
        self.num_epochs = check_positive_int(num_epochs, "num_epochs")
        self.repeats = check_positive_int(repeats, "repeats")
        self.batch_size = check_positive_int(batch_size, "batch_size")
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.model_ = None

    # -- settings and state ------------------------------------------------------------------

    @property
    def min_length(self) -> int:
        """The shortest training series: one season to difference, one window and its targets."""
        return self.season_length + self.window_size + self.num_outputs

    def get_params(self) -> dict:
        """Return the constructor's arguments as a dict (what ``save`` writes to JSON)."""
        return {
            "season_length": self.season_length,
            "seed": self.seed,
            "window_size": self.window_size,
            "strategy": self.strategy,
            "num_outputs": self.num_outputs,
            "log": self.log,
            "units": self.units,
            "num_epochs": self.num_epochs,
            "repeats": self.repeats,
            "batch_size": self.batch_size,
            "learning_rate": self.learning_rate,
        }

    def __repr__(self) -> str:
        """Show the settings, like scikit-learn estimators do."""
        arguments = ", ".join(f"{key}={value!r}" for key, value in self.get_params().items())
        return f"LSTMForecaster({arguments})"

    def _check_fitted(self) -> None:
        if self.model_ is None:
            raise ValueError("this LSTMForecaster is not fitted yet; call .fit(series) first")

    # -- preprocessing -----------------------------------------------------------------------

    def _transform(self, values: np.ndarray) -> np.ndarray:
        return np.log(values) if self.log else values

    def _inverse_transform(self, values: np.ndarray) -> np.ndarray:
        return np.exp(values) if self.log else values

    # -- fit and predict ---------------------------------------------------------------------

    def fit(self, series: pd.Series) -> LSTMForecaster:
        """Learn the preprocessing and train the LSTM on ``series``.

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
        import keras

        values, index = check_regular_series(series, "series")
        if values.size < self.min_length:
            raise ValueError(
                f"series has {values.size} values but window_size={self.window_size} after a "
                f"seasonal difference of season_length={self.season_length} needs at least "
                f"{self.min_length}; pass a longer series or a smaller window_size"
            )
        if self.log and np.any(values <= 0):
            raise ValueError(
                f"log=True needs positive values, but series has a minimum of {values.min():g}; "
                "pass log=False"
            )
        keras.utils.set_random_seed(self.seed)
        transformed = self._transform(values)
        differences = transformed[self.season_length :] - transformed[: -self.season_length]
        mean, std = float(differences.mean()), float(differences.std())
        std = std if std > 0 else 1.0  # a constant difference (a straight line) stays 0
        scaled = (differences - mean) / std
        x_train, y_train = make_windows(scaled, self.window_size, horizon=self.num_outputs)
        model = build_lstm_model(self.window_size, self.num_outputs, self.units)
        model.compile(optimizer=keras.optimizers.Adam(self.learning_rate), loss="mse")
        with quiet_numpy2_copy_warning():
            model.fit(
                np.tile(x_train, (self.repeats, 1, 1)),
                np.tile(y_train, (self.repeats, 1)),
                epochs=self.num_epochs,
                batch_size=self.batch_size,
                shuffle=True,
                verbose=0,
            )
        self.model_ = model
        self.mean_, self.std_ = mean, std
        self.history_ = values[-(self.window_size + self.season_length) :].copy()
        self.last_date_ = index[-1]
        self.freq_ = index.freq.freqstr
        return self

    def predict(self, horizon: int) -> pd.Series:
        """Forecast the ``horizon`` periods after the end of the training series.

        Parameters
        ----------
        horizon : int
            Number of future periods (>= 1).

        Returns
        -------
        pandas.Series
            Shape ``(horizon,)``, in the units of the training series, indexed by the
            ``horizon`` dates that follow its last date.
        """
        self._check_fitted()
        horizon = check_positive_int(horizon, "horizon")
        season = self.season_length
        levels = self._transform(self.history_)
        # The window of standardised differences that ends at the last training value, and the
        # (transformed) values the seasonal difference is undone from.
        scaled = list(((levels[season:] - levels[:-season]) - self.mean_) / self.std_)
        transformed = list(levels)
        forecasts: list[float] = []
        with quiet_retracing():
            while len(forecasts) < horizon:
                window = np.asarray(scaled[-self.window_size :], dtype=np.float32)
                step = self.model_.predict_on_batch(window[np.newaxis, :, np.newaxis])[0]
                for value in np.asarray(step, dtype=np.float64):
                    scaled.append(value)
                    transformed.append(transformed[-season] + value * self.std_ + self.mean_)
                    forecasts.append(transformed[-1])
        index = future_index(pd.date_range(self.last_date_, periods=1, freq=self.freq_), horizon)
        values = self._inverse_transform(np.asarray(forecasts[:horizon]))
        return pd.Series(values, index=index, name="LSTM")

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
            One forecast for each date of ``series`` after the training series' last date.
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
        season = self.season_length
        levels = self._transform(values[start:])
        scaled = ((levels[season:] - levels[:-season]) - self.mean_) / self.std_
        # Window k ends just before the k-th new value: the last window_size differences seen.
        num_new = values.size - end
        windows = np.stack([scaled[k : k + self.window_size] for k in range(num_new)]).astype(
            np.float32
        )
        with quiet_retracing():
            steps = self.model_.predict_on_batch(windows[:, :, np.newaxis])
        differences = np.asarray(steps, dtype=np.float64)[:, 0] * self.std_ + self.mean_
        one_step = levels[self.window_size : self.window_size + num_new] + differences
        return pd.Series(self._inverse_transform(one_step), index=index[end:], name="LSTM one-step")

    # -- save and load -----------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the fitted forecaster to the folder ``path`` (created if needed).

        The folder holds ``model.keras`` (the network) and ``forecaster.json`` (the settings,
        the preprocessing's mean and standard deviation, and the end of the training series
        that forecasts start from).

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
            self.model_.save(folder / MODEL_FILE)
        state = {
            "params": self.get_params(),
            "mean": self.mean_,
            "std": self.std_,
            "history": self.history_.tolist(),
            "last_date": self.last_date_.isoformat(),
            "freq": self.freq_,
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
        missing = [name for name in (MODEL_FILE, SETTINGS_FILE) if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"no saved LSTMForecaster at {folder}: {' and '.join(missing)} missing; "
                "write one with forecaster.save(path)"
            )
        state = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        forecaster = cls(**state["params"])
        with quiet_numpy2_copy_warning():
            forecaster.model_ = keras.models.load_model(folder / MODEL_FILE)
        forecaster.mean_, forecaster.std_ = float(state["mean"]), float(state["std"])
        forecaster.history_ = np.asarray(state["history"], dtype=np.float64)
        forecaster.last_date_ = pd.Timestamp(state["last_date"])
        forecaster.freq_ = state["freq"]
        return forecaster
