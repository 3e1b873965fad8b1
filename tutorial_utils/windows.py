"""Sliding windows: turn a series into ``(samples, time steps, features)`` inputs and targets.

Introduced in notebook 03 (preparing sequences).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike

from ._validation import as_finite_array, check_positive_int


def make_windows(
    values: ArrayLike,
    window_size: int,
    horizon: int = 1,
    target_column: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Cut a series into overlapping input windows and the values that follow each window.

    Window ``k`` holds ``values[k : k + window_size]`` and its target holds the next
    ``horizon`` values of the target column, ``values[k + window_size : k + window_size +
    horizon, target_column]``. Introduced in notebook 03.

    Parameters
    ----------
    values : array_like
        The series, shape ``(T,)`` for one feature or ``(T, num_features)``.
    window_size : int
        Number of time steps in each input window (>= 1).
    horizon : int, default 1
        Number of future values to predict after each window (>= 1).
    target_column : int, default 0
        Which feature is the target (negative numbers count from the end).

    Returns
    -------
    x : numpy.ndarray
        float32 array of shape ``(num_samples, window_size, num_features)`` with
        ``num_samples = T - window_size - horizon + 1``; ``num_features`` is 1 for 1-D input.
    y : numpy.ndarray
        float32 array of shape ``(num_samples, horizon)``.

    Examples
    --------
    >>> x, y = make_windows([10, 20, 30, 40, 50, 60], window_size=3)
    >>> x[:, :, 0].tolist()
    [[10.0, 20.0, 30.0], [20.0, 30.0, 40.0], [30.0, 40.0, 50.0]]
    >>> y.tolist()
    [[40.0], [50.0], [60.0]]
    """
    array = as_finite_array(values, "values")
    window_size = check_positive_int(window_size, "window_size")
    horizon = check_positive_int(horizon, "horizon")
    if array.ndim == 1:
        array = array[:, np.newaxis]
    num_steps, num_features = array.shape
    if isinstance(target_column, bool) or not isinstance(target_column, (int, np.integer)):
        raise TypeError(f"target_column must be an integer, got {target_column!r}")
    if not -num_features <= target_column < num_features:
        raise ValueError(
            f"target_column={target_column} is out of range for {num_features} feature(s); "
            f"use a value from 0 to {num_features - 1}"
        )
    needed = window_size + horizon
    if num_steps < needed:
        what = f"window_size={window_size}"
        if horizon > 1:
            what += f" with horizon={horizon}"
        raise ValueError(
            f"{what} needs at least {needed} values, got {num_steps}; "
            "use a smaller window_size or a longer series"
        )
    # sliding_window_view puts the window axis last: (num_samples, num_features, window_size).
    x = sliding_window_view(array[: num_steps - horizon], window_size, axis=0)
    x = np.ascontiguousarray(x.transpose(0, 2, 1), dtype=np.float32)
    y = sliding_window_view(array[window_size:, target_column], horizon)
    y = np.ascontiguousarray(y, dtype=np.float32)
    return x, y
