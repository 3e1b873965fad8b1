"""Free-running (recursive) forecasts: a one-step model fed its own predictions.

Introduced in notebook 04.

Vocabulary
----------
horizon
    How many future steps a forecast covers, counted from the forecast origin (the end of the
    start window). The same word is used by every forecast of the package
    (``tu.naive_forecast(series, horizon)``, ``LSTMForecaster.predict(horizon)``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array, check_positive_int


def recursive_forecast(
    predict: Callable[[np.ndarray], ArrayLike],
    start_window: ArrayLike,
    horizon: int,
) -> np.ndarray:
    """Forecast ``horizon`` values ahead by feeding a one-step predictor its own forecasts.

    At each step the predictor sees the current window of the last ``window_size`` values,
    its forecast is appended to the window and the oldest value is dropped, so after
    ``window_size`` steps the predictor sees nothing but its own output. No actual value after
    the forecast origin is used. Introduced in notebook 04.

    Parameters
    ----------
    predict : callable
        A one-step predictor: takes a float32 array of windows of shape
        ``(num_windows, window_size, 1)`` and returns one forecast per window (shape
        ``(num_windows,)`` or ``(num_windows, 1)``), e.g. ``model.predict_on_batch`` of a Keras
        model or ``pipeline.predict`` of a scikit-learn model that accepts windows.
    start_window : array_like
        The last ``window_size`` values before the forecast origin: shape ``(window_size,)`` or
        ``(window_size, 1)`` for one origin, or ``(num_windows, window_size, 1)`` to roll several
        origins forward at once.
    horizon : int
        How many steps to forecast (>= 1).

    Returns
    -------
    numpy.ndarray
        float64 forecasts of shape ``(horizon,)`` for one origin, or
        ``(num_windows, horizon)`` for several.

    Examples
    --------
    >>> double_last = lambda windows: 2 * windows[:, -1, 0]
    >>> recursive_forecast(double_last, [1.0, 1.0], horizon=3).tolist()
    [2.0, 4.0, 8.0]
    """
    if not callable(predict):
        raise TypeError(
            f"predict must be a function of a (num_windows, window_size, 1) array, got {predict!r}"
        )
    windows = as_finite_array(start_window, "start_window", max_ndim=3)
    horizon = check_positive_int(horizon, "horizon")
    single = windows.ndim < 3
    if windows.ndim == 1:
        windows = windows[np.newaxis, :, np.newaxis]
    elif windows.ndim == 2:
        if windows.shape[1] != 1:
            raise ValueError(
                f"start_window of shape {windows.shape} has {windows.shape[1]} features; a "
                "recursive forecast feeds back one series, so pass shape (window_size,) or "
                "(window_size, 1)"
            )
        windows = windows[np.newaxis]
    elif windows.shape[2] != 1:
        raise ValueError(
            f"start_window of shape {windows.shape} has {windows.shape[2]} features; pass "
            "(num_windows, window_size, 1)"
        )
    num_windows = windows.shape[0]
    windows = windows.astype(np.float32)
    forecasts = np.empty((num_windows, horizon))
    for step in range(horizon):
        prediction = np.asarray(predict(windows), dtype=np.float64)
        if prediction.size != num_windows:
            raise ValueError(
                f"predict returned {prediction.size} values for {num_windows} window(s) of shape "
                f"{windows.shape[1:]}; it must return one forecast per window"
            )
        prediction = prediction.reshape(num_windows)
        if not np.all(np.isfinite(prediction)):
            raise ValueError(f"predict returned NaN or infinite values at step {step + 1}")
        forecasts[:, step] = prediction
        windows = np.concatenate([windows[:, 1:], prediction[:, np.newaxis, np.newaxis]], axis=1)
        windows = windows.astype(np.float32)
    return forecasts[0] if single else forecasts
