"""The noisy-sine experiment of notebook 04, as reusable pieces.

The source article's forecaster (a window of 50 values, ``LSTM(50)``, ``Dense(1)``, Adam, mean
squared error) on ``sin(t) + noise``, judged in original units on the last 20 % of the series
against persistence, a linear autoregression on the same window and the noise floor, one step
ahead with true inputs and free-running. :func:`run_sine_experiment` runs the whole protocol for
one seed, so ``tu.run_over_seeds(tu.run_sine_experiment)`` gives the mean ± sd over seeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike
from sklearn.preprocessing import MinMaxScaler

from ._quiet import quiet_numpy2_copy_warning
from ._validation import as_finite_array, check_fraction, check_positive_int, check_positive_number
from .baselines import fit_linear_autoregression
from .datasets import make_noisy_sine
from .forecaster import build_lstm_model
from .metrics import rmse
from .recursive import recursive_forecast
from .scaling import inverse_scale, scale_splits
from .splits import chronological_split
from .windows import make_windows

if TYPE_CHECKING:  # keras is imported inside the functions, so importing the package stays light
    import keras


@dataclass(frozen=True)
class SineData:
    """One noisy sine cut into scaled windows for training, validation and test.

    Attributes
    ----------
    t, values : numpy.ndarray
        The time grid and the noisy series, float64, shape ``(T,)``.
    num_train : int
        Number of values in the training part (validation included); the test part is
        ``values[num_train:]``.
    scaler : sklearn.preprocessing.MinMaxScaler
        Fitted on the values the training windows read, ``values[:num_train - len(x_val)]``,
        alone: neither the validation targets nor the test part.
    x_train, y_train : numpy.ndarray
        Training windows ``(N_train, window_size, 1)`` and targets ``(N_train, 1)``, scaled.
    x_val, y_val : numpy.ndarray
        The last windows of the training part, kept back for early stopping, same layout.
    x_test, y_test : numpy.ndarray
        One window per test value, ``(T - num_train, window_size, 1)`` and
        ``(T - num_train, 1)``, scaled; the first windows reach back into the training part,
        which is known at forecast time.
    """

    t: np.ndarray
    values: np.ndarray
    num_train: int
    scaler: MinMaxScaler
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def window_size(self) -> int:
        """Number of time steps in each input window."""
        return self.x_train.shape[1]

    @property
    def test_values(self) -> np.ndarray:
        """The test part in original units, shape ``(T - num_train,)``."""
        return self.values[self.num_train :]

    @property
    def test_t(self) -> np.ndarray:
        """The times of the test part, shape ``(T - num_train,)``."""
        return self.t[self.num_train :]


def prepare_sine_data(
    seed: int = 0,
    window_size: int = 50,
    train_fraction: float = 0.8,
    val_fraction: float = 0.2,
    num_points: int = 1000,
    noise_std: float = 0.1,
) -> SineData:
    """Make the noisy sine, split it in time order, scale on train and cut windows.

    The series is ``tu.make_noisy_sine(num_points, noise_std=noise_std, seed=seed)``. Its first
    ``train_fraction`` is the training part, whose windows are split in time order, the last
    ``val_fraction`` of them kept back for validation. The scaler is fitted on the values the
    remaining training windows read, before the first validation target, so that, as the
    weights, it never sees the validation or the test part. Every test value gets one window of
    the ``window_size`` values before it. Introduced in notebook 04.

    Parameters
    ----------
    seed : int, default 0
        Seed of the noise.
    window_size : int, default 50
        Input length of every window.
    train_fraction : float, default 0.8
        Share of the series used for training (validation included), in (0, 1).
    val_fraction : float, default 0.2
        Share of the training windows, taken from the end, used for validation, in (0, 1).
    num_points : int, default 1000
        Length of the series.
    noise_std : float, default 0.1
        Standard deviation of the noise.

    Returns
    -------
    SineData
    """
    window_size = check_positive_int(window_size, "window_size")
    val_fraction = check_fraction(val_fraction, "val_fraction")
    t, values = make_noisy_sine(num_points, noise_std=noise_std, seed=seed)
    train, test = chronological_split(values, train_fraction=train_fraction)
    if len(train) < window_size + 2:
        raise ValueError(
            f"the training part has {len(train)} values; window_size={window_size} needs at "
            f"least {window_size + 2} to leave training and validation windows; use a smaller "
            "window_size or a larger train_fraction or num_points"
        )
    num_windows = len(train) - window_size
    num_val = int(num_windows * val_fraction)
    if not 1 <= num_val < num_windows:
        raise ValueError(
            f"val_fraction={val_fraction} of {num_windows} training windows leaves an empty "
            "training or validation part; change val_fraction"
        )
    # The training windows read train[:-num_val]; the last num_val values are validation targets.
    scaler, _, train_scaled, test_scaled = scale_splits(train[:-num_val], train, test)
    x, y = make_windows(train_scaled, window_size)
    x_train, x_val = x[:-num_val], x[-num_val:]
    y_train, y_val = y[:-num_val], y[-num_val:]
    context = np.concatenate([train_scaled[-window_size:], test_scaled])
    x_test, y_test = make_windows(context, window_size)
    return SineData(
        t=t,
        values=values,
        num_train=len(train),
        scaler=scaler,
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        x_test=x_test,
        y_test=y_test,
    )


def build_sine_lstm(
    window_size: int = 50,
    units: int = 50,
    learning_rate: float = 5e-3,
    decay_steps: int | None = None,
) -> keras.Model:
    """Build and compile the source article's forecaster in Keras 3.

    ``keras.Input((window_size, 1))``, ``LSTM(units)``, ``Dense(1)`` (the network of
    :func:`tutorial_utils.build_lstm_model` with one output, as in notebook 05); Adam on the
    mean squared error. With ``decay_steps`` the learning rate falls along a cosine from
    ``learning_rate`` to 0 over that many training steps. Introduced in notebook 04.

    Parameters
    ----------
    window_size : int, default 50
        Number of time steps in each input window.
    units : int, default 50
        Number of LSTM units.
    learning_rate : float, default 5e-3
        Adam's (initial) learning rate, > 0.
    decay_steps : int, optional
        Number of training steps (batches) over which to decay the learning rate to 0; a
        constant learning rate when omitted.

    Returns
    -------
    keras.Model
        Compiled; maps ``(num_samples, window_size, 1)`` to ``(num_samples, 1)``.
    """
    import keras

    learning_rate = check_positive_number(learning_rate, "learning_rate")
    schedule: object = learning_rate
    if decay_steps is not None:
        decay_steps = check_positive_int(decay_steps, "decay_steps")
        schedule = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps)
    model = build_lstm_model(window_size, num_outputs=1, units=units)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss="mse")
    return model


def fit_with_early_stopping(
    model: keras.Model,
    x_train: ArrayLike,
    y_train: ArrayLike,
    x_val: ArrayLike,
    y_val: ArrayLike,
    num_epochs: int = 30,
    batch_size: int = 60,
    patience: int = 10,
) -> keras.callbacks.History:
    """Train with early stopping on a validation part and keep the best epoch's weights.

    Training stops when the validation loss has not improved for ``patience`` epochs, and the
    weights of the epoch with the lowest validation loss are restored. The training windows are
    shuffled within the training part only. Introduced in notebook 04.

    Parameters
    ----------
    model : keras.Model
        A compiled model.
    x_train, y_train : array_like
        Training inputs ``(N_train, window_size, num_features)`` and targets ``(N_train, 1)``.
    x_val, y_val : array_like
        Validation inputs and targets, same layout; they come after the training part in time.
    num_epochs : int, default 30
        Most epochs to train.
    batch_size : int, default 60
        Windows per gradient step. One that divides the number of training windows (600 in
        notebook 04) gives batches of one shape, so Keras traces its training step only once.
    patience : int, default 10
        Epochs without improvement of the validation loss before stopping.

    Returns
    -------
    keras.callbacks.History
        ``history.history`` holds ``loss`` and ``val_loss`` per epoch.
    """
    import keras

    if not isinstance(model, keras.Model) or not getattr(model, "compiled", False):
        raise TypeError(
            f"model must be a compiled keras.Model (call model.compile first), got {model!r}"
        )
    num_epochs = check_positive_int(num_epochs, "num_epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    patience = check_positive_int(patience, "patience")
    arrays = {
        name: as_finite_array(array, name, max_ndim=3).astype(np.float32)
        for name, array in (("x_train", x_train), ("y_train", y_train), ("x_val", x_val))
    }
    arrays["y_val"] = as_finite_array(y_val, "y_val", max_ndim=3).astype(np.float32)
    for x_name, y_name in (("x_train", "y_train"), ("x_val", "y_val")):
        if len(arrays[x_name]) != len(arrays[y_name]):
            raise ValueError(
                f"{x_name} has {len(arrays[x_name])} windows but {y_name} has "
                f"{len(arrays[y_name])} targets; pass matching pairs from tu.make_windows"
            )
    early_stopping = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=patience, restore_best_weights=True
    )
    with quiet_numpy2_copy_warning():
        return model.fit(
            arrays["x_train"],
            arrays["y_train"],
            validation_data=(arrays["x_val"], arrays["y_val"]),
            epochs=num_epochs,
            batch_size=batch_size,
            callbacks=[early_stopping],
            verbose=0,
        )


def run_sine_experiment(
    seed: int,
    num_epochs: int = 30,
    batch_size: int = 60,
    learning_rate: float = 5e-3,
    patience: int = 10,
    units: int = 50,
    window_size: int = 50,
    num_points: int = 1000,
) -> dict[str, float]:
    """Run notebook 04's whole protocol on the noisy sine of one seed and return its scores.

    Prepare the data (:func:`prepare_sine_data`), build and fit the LSTM with early stopping
    (:func:`build_sine_lstm`, :func:`fit_with_early_stopping`, cosine decay over
    ``num_epochs``), fit the linear autoregression on all the training windows (validation
    included: it needs no early stopping), then score on the test part in original units. One
    step ahead with true inputs: the LSTM, persistence (the last value of the window), the linear
    autoregression and the noise floor (the clean ``sin(t)``). Free-running from the last
    training window over the whole test part: the LSTM and the linear autoregression. Call
    ``tu.seed_everything(seed)`` first (``tu.run_over_seeds`` does) so the weights are seeded too.
    Introduced in notebook 04.

    Parameters
    ----------
    seed : int
        Seed of the noise (the Keras seed is set by the caller).
    num_epochs, batch_size, learning_rate, patience, units, window_size
        As in :func:`fit_with_early_stopping` and :func:`build_sine_lstm`.
    num_points : int, default 1000
        Length of the series, as in :func:`prepare_sine_data`.

    Returns
    -------
    dict of str to float
        RMSEs in original units on the test part: ``lstm``, ``persistence``, ``linear_ar``,
        ``noise_floor`` (one step), ``lstm_vs_last_input`` (the LSTM forecast against the last
        value of its window: 0 for a model that copies), ``lstm_free`` and ``linear_ar_free``
        (free-running); and ``val_rmse`` (the LSTM on the validation part), ``epochs`` (trained),
        ``best_epoch`` and ``fit_seconds``.
    """
    data = prepare_sine_data(seed=seed, window_size=window_size, num_points=num_points)
    steps_per_epoch = int(np.ceil(len(data.x_train) / check_positive_int(batch_size, "batch_size")))
    model = build_sine_lstm(
        window_size=window_size,
        units=units,
        learning_rate=learning_rate,
        decay_steps=check_positive_int(num_epochs, "num_epochs") * steps_per_epoch,
    )
    start = time.perf_counter()
    history = fit_with_early_stopping(
        model,
        data.x_train,
        data.y_train,
        data.x_val,
        data.y_val,
        num_epochs=num_epochs,
        batch_size=batch_size,
        patience=patience,
    )
    fit_seconds = time.perf_counter() - start
    # The linear model needs no early stopping, so it is fitted on every training window.
    linear_ar = fit_linear_autoregression(
        np.concatenate([data.x_train, data.x_val]), np.concatenate([data.y_train, data.y_val])
    )

    def unscale(scaled: ArrayLike) -> np.ndarray:
        return inverse_scale(data.scaler, np.ravel(scaled))

    actual = data.test_values
    lstm = unscale(model.predict_on_batch(data.x_test))
    last_input = unscale(data.x_test[:, -1, 0])
    start_window = data.x_test[0]
    scores = {
        "lstm": rmse(actual, lstm),
        "persistence": rmse(actual, last_input),
        "linear_ar": rmse(actual, unscale(linear_ar.predict(data.x_test))),
        "noise_floor": rmse(actual, np.sin(data.test_t)),
        "lstm_vs_last_input": rmse(lstm, last_input),
        "lstm_free": rmse(
            actual, unscale(recursive_forecast(model.predict_on_batch, start_window, len(actual)))
        ),
        "linear_ar_free": rmse(
            actual, unscale(recursive_forecast(linear_ar.predict, start_window, len(actual)))
        ),
        "val_rmse": rmse(unscale(data.y_val), unscale(model.predict_on_batch(data.x_val))),
        "epochs": float(len(history.history["loss"])),
        "best_epoch": float(np.argmin(history.history["val_loss"]) + 1),
        "fit_seconds": fit_seconds,
    }
    return scores
