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


def _as_covariates(values: ArrayLike | None, name: str, num_steps: int) -> np.ndarray:
    """Return covariates as float64 ``(num_steps, num_covariates)``; NaN marks a gap."""
    if values is None:
        return np.empty((num_steps, 0))
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold numbers (int or float), got dtype {array.dtype}; "
            "convert it with pd.to_numeric or np.asarray(..., dtype=float) first"
        )
    if array.ndim == 1:
        array = array[:, np.newaxis]
    if array.ndim != 2:
        raise ValueError(f"{name} must be 1-D (T,) or 2-D (T, num_covariates), got {array.shape}")
    if len(array) != num_steps:
        raise ValueError(
            f"{name} must have one row per time step of target ({num_steps}), got {len(array)}"
        )
    array = array.astype(np.float64)
    if np.isinf(array).any():
        raise ValueError(f"{name} contains infinite values; only NaN may mark a gap")
    return array


def make_covariate_windows(
    target: ArrayLike,
    window_size: int,
    horizon: int,
    past_covariates: ArrayLike | None = None,
    future_covariates: ArrayLike | None = None,
    stride: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut a target series and its covariates into forecast windows, one per forecast origin.

    A forecast origin ``t`` (a position in the series) splits time into the past
    ``[t - window_size, t)``, whose target values and past covariates are known, and the
    ``horizon`` steps ``[t, t + horizon)`` to forecast, whose future covariates are known in
    advance (a calendar, a weather forecast) and whose target values are the answer. Origins
    are ``window_size, window_size + stride, window_size + 2 * stride, ...`` as long as
    ``t + horizon <= T``. NaN marks a gap: a window whose past, future covariates or target
    touch a NaN is dropped, never filled. Introduced in notebook 06.

    Parameters
    ----------
    target : array_like
        The series to forecast, shape ``(T,)``; NaN at missing steps.
    window_size : int
        Number of past steps each window holds (>= 1).
    horizon : int
        Number of steps to forecast from each origin (>= 1).
    past_covariates : array_like, optional
        Shape ``(T,)`` or ``(T, P)``: series known up to the origin only (observed weather).
    future_covariates : array_like, optional
        Shape ``(T,)`` or ``(T, K)``: series known over the horizon at the origin (calendar).
    stride : int, default 1
        Steps between two origins (>= 1); 24 gives one origin a day for hourly data.

    Returns
    -------
    x_past : numpy.ndarray
        float32, shape ``(n, window_size, 1 + P)``: the target (feature 0), then the past
        covariates, over the window before each origin.
    x_future : numpy.ndarray
        float32, shape ``(n, horizon, K)``: the future covariates over each horizon (K = 0
        without them).
    y : numpy.ndarray
        float32, shape ``(n, horizon)``: the target over each horizon.
    origins : numpy.ndarray
        int64, shape ``(n,)``: the position ``t`` of each kept window's origin, so
        ``y[i] == target[origins[i] : origins[i] + horizon]``.
    """
    values = np.asarray(target)
    if values.dtype.kind not in "biuf":
        raise TypeError(
            f"target must hold numbers (int or float), got dtype {values.dtype}; "
            "convert it with pd.to_numeric or np.asarray(..., dtype=float) first"
        )
    if values.ndim != 1:
        raise ValueError(f"target must be 1-D (T,), got shape {values.shape}")
    if values.size == 0:
        raise ValueError("target is empty; pass at least one value")
    values = values.astype(np.float64)
    if np.isinf(values).any():
        raise ValueError("target contains infinite values; only NaN may mark a gap")
    window_size = check_positive_int(window_size, "window_size")
    horizon = check_positive_int(horizon, "horizon")
    stride = check_positive_int(stride, "stride")
    num_steps = values.size
    past = np.column_stack([values, _as_covariates(past_covariates, "past_covariates", num_steps)])
    future = _as_covariates(future_covariates, "future_covariates", num_steps)
    needed = window_size + horizon
    if num_steps < needed:
        raise ValueError(
            f"window_size={window_size} with horizon={horizon} needs at least {needed} values, "
            f"got {num_steps}; use a smaller window_size or a longer series"
        )
    origins = np.arange(window_size, num_steps - horizon + 1, stride)
    starts = origins - window_size
    # sliding_window_view puts the window axis last: (num_windows, num_features, window_size).
    x_past = sliding_window_view(past, window_size, axis=0)[starts].transpose(0, 2, 1)
    x_future = sliding_window_view(future, horizon, axis=0)[origins].transpose(0, 2, 1)
    y = sliding_window_view(values, horizon)[origins]
    complete = (
        np.isfinite(x_past).all(axis=(1, 2))
        & np.isfinite(x_future).all(axis=(1, 2))
        & np.isfinite(y).all(axis=1)
    )
    return (
        np.ascontiguousarray(x_past[complete], dtype=np.float32),
        np.ascontiguousarray(x_future[complete], dtype=np.float32),
        np.ascontiguousarray(y[complete], dtype=np.float32),
        origins[complete].astype(np.int64),
    )
