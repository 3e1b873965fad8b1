"""Self-checks for the exercises of notebook 04, an LSTM on the noisy sine against the baselines.

Used in ``notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import check_function, check_value

# Exercise 2 of notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb: the series of seed 0
# and a window of 10 instead of the notebook's 50.
_SEED_04, _SHORT_WINDOW_04, _NOTEBOOK_WINDOW_04 = 0, 10, 50


def _flat_forecasts_04(per: str, length: str) -> Callable[[Any], str | None]:
    """Describe an answer that is not a flat array of forecasts, one per ``per``."""

    def describe(answer: Any) -> str | None:
        if np.ndim(answer) > 1:
            return (
                f"your function returns shape {np.shape(answer)}: return one forecast per "
                f"{per}, a flat array of shape ({length},)."
            )
        return None

    return describe


def check_sine_lstm_param_count(function: Any) -> None:
    """Check exercise 1 of notebook 04: the parameter count of the article's forecaster.

    ``function(units, num_features)`` must return the number of parameters of
    ``keras.Sequential([keras.Input((window_size, num_features)), keras.layers.LSTM(units),
    keras.layers.Dense(1)])``, the model of ``tu.build_sine_lstm``. Used in
    ``notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(units: int, num_features: int) -> int``.

    """

    def make_inputs(rng: np.random.Generator) -> tuple[int, int]:
        units = int(rng.integers(2, 65))
        num_features = int(rng.choice([n for n in range(1, 11) if n != units]))
        return units, num_features

    def reference(units: int, num_features: int) -> int:
        return 4 * units * (num_features + units + 1) + units + 1

    mistakes = [
        (
            lambda u, f: 4 * u * (f + u + 1),
            "you counted the LSTM alone: the Dense layer adds units weights and one bias.",
        ),
        (
            lambda u, f: 4 * u * (f + u + 1) + u,
            "you left out the Dense layer's bias: it has units weights and one bias.",
        ),
        (
            lambda u, f: 4 * u * (f + u) + u + 1,
            "you left out the LSTM's biases: each of its four gates has one per unit.",
        ),
        (
            lambda u, f: u * (f + u + 1) + u + 1,
            "an LSTM layer holds four sets of weights, one per gate i, f, g, o.",
        ),
        (
            lambda u, f: 4 * u * (f + 1) + u + 1,
            "you left out the recurrent weights U, of shape (units, 4 * units).",
        ),
        (
            lambda u, f: reference(f, u),
            "you swapped the arguments: the function takes units first, then num_features.",
        ),
    ]
    check_function(
        "Exercise 1, parameters of the sine forecaster",
        function,
        reference,
        make_inputs,
        "count layer by layer: an LSTM has W, U and b for each of its four gates, and Dense(1) "
        "reads the last hidden state (notebook 04, section 2).",
        mistakes=mistakes,
    )


def _linear_ar_rmses_04(window_size: int) -> dict[str, float]:
    """Return the test RMSEs of notebook 04's linear model on seed 0 and of typical slips."""
    from ..baselines import fit_linear_autoregression
    from ..metrics import rmse
    from ..scaling import inverse_scale
    from ..sine_experiment import prepare_sine_data
    from ..windows import make_windows

    data = prepare_sine_data(seed=_SEED_04, window_size=window_size)
    x_all = np.concatenate([data.x_train, data.x_val])
    y_all = np.concatenate([data.y_train, data.y_val])
    linear_ar = fit_linear_autoregression(x_all, y_all)
    scaled = linear_ar.predict(data.x_test)
    forecast = inverse_scale(data.scaler, scaled)
    train_only = fit_linear_autoregression(data.x_train, data.y_train)
    test_scaled = data.scaler.transform(data.test_values.reshape(-1, 1))[:, 0]
    x_test_part, y_test_part = make_windows(test_scaled, window_size)  # the article's test windows
    rmse_right = rmse(data.test_values, forecast)
    return {
        "right": rmse_right,
        "mse": rmse_right**2,
        "train only": rmse(
            data.test_values, inverse_scale(data.scaler, train_only.predict(data.x_test))
        ),
        "scaled": rmse(data.y_test[:, 0], scaled),
        "against sin": rmse(np.sin(data.test_t), forecast),
        "test part alone": rmse(
            inverse_scale(data.scaler, y_test_part[:, 0]),
            inverse_scale(data.scaler, linear_ar.predict(x_test_part)),
        ),
    }


def check_short_window_rmse(answer: Any) -> None:
    """Check exercise 2 of notebook 04: the linear autoregression's test RMSE with windows of 10.

    ``answer`` must be the one-step test RMSE, in original units, of
    ``tu.fit_linear_autoregression`` fitted on all the training windows (training and validation
    parts) of ``tu.prepare_sine_data(seed=0, window_size=10)`` and scored on its 200 test
    windows, as notebook 04 scores its linear model with windows of 50. The expected value is
    computed here, never printed. Used in
    ``notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb``.

    Parameters
    ----------
    answer : float
        The learner's RMSE.

    """
    scores = _linear_ar_rmses_04(_SHORT_WINDOW_04)
    notebook_window = _linear_ar_rmses_04(_NOTEBOOK_WINDOW_04)["right"]
    mistakes = [
        (
            notebook_window,
            "that is the RMSE with windows of 50: pass window_size=10 to tu.prepare_sine_data.",
        ),
        (
            scores["train only"],
            "you fitted on x_train alone: the linear model needs no early stopping, so fit it on "
            "all the training windows, x_train and x_val together.",
        ),
        (
            scores["scaled"],
            "that RMSE is in scaled units: undo the scaling of the forecast with "
            "tu.inverse_scale(data.scaler, ...) and score it against data.test_values.",
        ),
        (
            scores["against sin"],
            "you scored against the clean sin(t): score against the noisy test values, "
            "data.test_values, as the notebook's table does.",
        ),
        (
            scores["mse"],
            "that is the mean squared error: take its square root (tu.rmse does).",
        ),
        (
            scores["test part alone"],
            "you cut the test windows from the test part alone, so its first 10 values are "
            "never forecast: use data.x_test, whose first windows reach back into the training "
            "part.",
        ),
    ]
    check_value(
        "Exercise 2, the linear model with windows of 10",
        answer,
        scores["right"],
        "score the window-10 linear model exactly as section 3 scores the window-50 one: fitted "
        "on all training windows, forecasts in original units, on the test part (notebook 04, "
        "section 3).",
        rtol=1e-4,
        mistakes=mistakes,
        what="your RMSE",
    )


def _linear_one_step_04(weights: np.ndarray, bias: float) -> Callable[[np.ndarray], np.ndarray]:
    """Return a linear one-step predictor that, like a Keras model, takes a batch of windows."""

    def predict(windows: np.ndarray) -> np.ndarray:
        windows = np.asarray(windows)
        if windows.ndim != 3 or windows.shape[1:] != (len(weights), 1):
            raise ValueError(
                f"predict takes windows of shape (num_windows, {len(weights)}, 1), got shape "
                f"{windows.shape}"
            )
        return windows[:, :, 0] @ weights + bias

    return predict


def _rolled_04(
    predict: Callable[[np.ndarray], np.ndarray],
    start_window: np.ndarray,
    horizon: int,
    update: Callable[[np.ndarray, float], np.ndarray],
) -> np.ndarray:
    """Roll a one-step predictor forward with a (possibly mistaken) way of updating the window."""
    window = np.asarray(start_window, dtype=np.float32).reshape(1, -1, 1)
    forecasts = []
    for _ in range(horizon):
        next_value = float(np.ravel(predict(window))[0])
        forecasts.append(next_value)
        window = update(window, next_value).astype(np.float32)
    return np.array(forecasts)


def check_recursive_forecast(function: Any) -> None:
    """Check exercise 3 of notebook 04: a free-running (recursive) forecast written by hand.

    ``function(predict, start_window, horizon)`` must forecast ``horizon`` values by
    feeding the one-step predictor ``predict`` its own forecasts, starting from
    ``start_window``, as :func:`tutorial_utils.recursive_forecast` does for one origin. It runs
    on fresh random windows and random linear one-step predictors, which, like a Keras model,
    take a batch of windows of shape ``(num_windows, window_size, 1)``. Used in
    ``notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(predict, start_window, horizon)``: ``start_window`` has shape
        ``(window_size, 1)`` (as ``x_test[0]``); returns the forecasts, shape ``(horizon,)``.

    """
    from ..recursive import recursive_forecast

    def make_inputs(rng: np.random.Generator) -> tuple[Any, np.ndarray, int]:
        window_size = int(rng.integers(3, 13))
        weights = rng.normal(size=window_size)
        weights *= rng.uniform(0.6, 0.95) / np.abs(weights).sum()  # a stable feedback loop
        predict = _linear_one_step_04(weights, float(rng.normal(scale=0.3)))
        start_window = rng.uniform(-1, 1, size=(window_size, 1))
        return predict, start_window, int(rng.integers(window_size + 2, 2 * window_size + 6))

    def shift_in(window: np.ndarray, value: float) -> np.ndarray:
        return np.concatenate([window[:, 1:], [[[value]]]], axis=1)

    def one_step_late(predict: Any, start_window: np.ndarray, horizon: int) -> np.ndarray:
        forecasts = recursive_forecast(predict, start_window, horizon - 1)
        return np.concatenate([[float(np.ravel(start_window)[-1])], forecasts])

    mistakes = [
        (
            lambda *a: _rolled_04(*a, update=lambda window, value: window),
            "every forecast is the same: the window never moves. After each step append the "
            "forecast to the window and drop its oldest value.",
        ),
        (
            lambda *a: _rolled_04(
                *a, update=lambda window, value: np.concatenate([window[:, :-1], [[[value]]]], 1)
            ),
            "you dropped the newest value instead of the oldest: keep window[:, 1:] and append "
            "the forecast.",
        ),
        (
            lambda *a: _rolled_04(
                *a, update=lambda window, value: np.concatenate([[[[value]]], window[:, :-1]], 1)
            ),
            "you put the forecast at the start of the window: a window runs from the oldest "
            "value to the newest, so the forecast goes at the end and the first value leaves.",
        ),
        (
            one_step_late,
            "your forecasts are one step late: the first one is the last value of the window. "
            "Return only the model's forecasts, the first one made from start_window itself.",
        ),
    ]

    check_function(
        "Exercise 3, a free-running forecast",
        function,
        recursive_forecast,
        make_inputs,
        "a free-running forecast slides its window by one step each time, with its own forecast "
        "as the newest value (notebook 04, section 5, 'Free-running: the model eats its own "
        "forecasts').",
        rtol=1e-4,
        atol=1e-6,
        mistakes=mistakes,
        describe=_flat_forecasts_04("step", "horizon"),
    )


def _direct_variant_04(
    values: np.ndarray,
    window_size: int,
    horizon: int,
    target: Callable[[np.ndarray], np.ndarray] = lambda y: y[:, -1],
    origin: str = "end",
    first_step: int = 1,
) -> np.ndarray:
    """Forecast with the direct strategy, or a typical mistaken version of it (one change)."""
    from sklearn.linear_model import LinearRegression

    from ..windows import make_windows

    forecasts = []
    for step in range(first_step, first_step + horizon):
        x, y = make_windows(values, window_size, horizon=step)
        model = LinearRegression().fit(x[:, :, 0], target(y))
        if origin == "end":
            last_window = np.asarray(values[-window_size:], dtype=np.float32)
        elif origin == "last training window":
            last_window = x[-1, :, 0]
        else:  # "one value short"
            last_window = np.asarray(values[-window_size - 1 : -1], dtype=np.float32)
        forecasts.append(float(model.predict(last_window[np.newaxis])[0]))
    return np.array(forecasts)


def check_direct_linear_forecast(function: Any) -> None:
    """Check exercise 4 of notebook 04: the direct strategy for the linear model.

    ``function(train_values, window_size, horizon)`` must fit, for each ``h = 1, ...,
    horizon``, one ``sklearn.linear_model.LinearRegression`` from the windows of
    ``tu.make_windows(train_values, window_size, horizon=h)`` to the value ``h`` steps after
    each window (the last column of ``y``), and forecast ``h`` steps past the end of
    ``train_values`` from its last ``window_size`` values. It runs on fresh random noisy series
    against a reference built on ``tu.make_windows``. Used in
    ``notebooks/exercises/04_lstm_sine_forecaster_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(train_values, window_size, horizon)`` with ``train_values`` of shape ``(T,)``;
        returns the forecasts 1 to ``horizon`` steps ahead, shape ``(horizon,)``.

    """
    from ..baselines import fit_linear_autoregression
    from ..recursive import recursive_forecast
    from ..windows import make_windows

    def make_inputs(rng: np.random.Generator) -> tuple[np.ndarray, int, int]:
        num_values = int(rng.integers(60, 160))
        t = np.arange(num_values)
        period = rng.uniform(8, 40)
        values = rng.uniform(0.5, 2) * np.sin(2 * np.pi * t / period + rng.uniform(0, 2 * np.pi))
        values += rng.normal(scale=rng.uniform(0.1, 0.5), size=num_values) + rng.normal()
        return values, int(rng.integers(3, 11)), int(rng.integers(3, 9))

    def recursive(values: np.ndarray, window_size: int, horizon: int) -> np.ndarray:
        linear_ar = fit_linear_autoregression(*make_windows(values, window_size))
        return recursive_forecast(linear_ar.predict, values[-window_size:], horizon)

    mistakes = [
        (
            lambda *a: _direct_variant_04(*a, target=lambda y: y[:, 0]),
            "all your forecasts are the one-step forecast: with horizon=h, tu.make_windows "
            "returns the next h values, and the target h steps ahead is the last column, "
            "y[:, -1].",
        ),
        (
            recursive,
            "that is the recursive forecast (one model fed its own forecasts): the direct "
            "strategy fits a separate model for each horizon h.",
        ),
        (
            lambda *a: _direct_variant_04(*a, origin="last training window"),
            "you forecast from x[-1], the last window that still has a target h steps later, "
            "which ends h steps before the series does: forecast every horizon from the last "
            "window_size values, train_values[-window_size:].",
        ),
        (
            lambda *a: _direct_variant_04(*a, origin="one value short"),
            "your last window stops one value short: use train_values[-window_size:], which "
            "ends with the last value.",
        ),
        (
            lambda *a: _direct_variant_04(*a, first_step=2),
            "your forecasts are one step late: the first model forecasts 1 step ahead "
            "(horizon=1), the last one horizon steps ahead.",
        ),
    ]

    check_function(
        "Exercise 4, the direct strategy",
        function,
        lambda *a: _direct_variant_04(*a),
        make_inputs,
        "the direct strategy fits one model per horizon h, each mapping a window to the value h "
        "steps after it, and forecasts every h from the same last window (notebook 04, 'Error "
        "against horizon').",
        rtol=1e-4,
        atol=1e-6,
        mistakes=mistakes,
        describe=_flat_forecasts_04("horizon", "horizon"),
    )
