"""Scaling fitted on the training part only. Introduced in notebook 03."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from sklearn.preprocessing import MinMaxScaler

from ._validation import as_finite_array


def _as_column(values: np.ndarray) -> np.ndarray:
    return values[:, np.newaxis] if values.ndim == 1 else values


def scale_splits(
    train: ArrayLike,
    *others: ArrayLike,
    feature_range: tuple[float, float] = (-1, 1),
) -> tuple:
    """Fit a ``MinMaxScaler`` on ``train`` alone and apply it to ``train`` and every other part.

    The scaler never sees the other parts while fitting, so nothing leaks from validation or
    test data into training. Introduced in notebook 03.

    Parameters
    ----------
    train : array_like
        Training values, shape ``(T,)`` or ``(T, num_features)``.
    *others : array_like
        Further parts (validation, test), each with the same number of features as ``train``.
    feature_range : tuple of float, default (-1, 1)
        Where the training minimum and maximum are mapped to.

    Returns
    -------
    tuple
        ``(scaler, train_scaled, *others_scaled)``; every scaled part is float64 with the shape
        it came in (1-D stays 1-D).
    """
    train_array = as_finite_array(train, "train")
    other_arrays = [as_finite_array(part, f"others[{k}]") for k, part in enumerate(others)]
    for k, part in enumerate(other_arrays):
        if _as_column(part).shape[1] != _as_column(train_array).shape[1]:
            raise ValueError(
                f"others[{k}] has {_as_column(part).shape[1]} feature(s) but train has "
                f"{_as_column(train_array).shape[1]}; pass parts with the same columns"
            )
    low, high = feature_range
    if not low < high:
        raise ValueError(f"feature_range must be (low, high) with low < high, got {feature_range}")
    scaler = MinMaxScaler(feature_range=(low, high))
    scaler.fit(_as_column(train_array))
    scaled = [
        scaler.transform(_as_column(part)).reshape(part.shape)
        for part in [train_array, *other_arrays]
    ]
    return (scaler, *scaled)


def inverse_scale(scaler: MinMaxScaler, values: ArrayLike) -> np.ndarray:
    """Map scaled values back to original units, keeping the shape they came in.

    With a scaler fitted on one feature, any shape is accepted (for example forecasts of shape
    ``(num_samples, horizon)``): every element is unscaled. With several features, the last
    axis must hold them. Introduced in notebook 03.

    Parameters
    ----------
    scaler : sklearn.preprocessing.MinMaxScaler
        A fitted scaler, as returned by :func:`scale_splits`.
    values : array_like
        Scaled values.

    Returns
    -------
    numpy.ndarray
        float64 values in original units, same shape as ``values``.
    """
    if not hasattr(scaler, "n_features_in_"):
        raise TypeError("scaler must be a fitted MinMaxScaler, as returned by tu.scale_splits")
    array = as_finite_array(values, "values", max_ndim=3)
    num_features = scaler.n_features_in_
    if num_features == 1:
        return scaler.inverse_transform(array.reshape(-1, 1)).reshape(array.shape)
    if array.shape[-1] != num_features:
        raise ValueError(
            f"values has {array.shape[-1]} column(s) on its last axis but the scaler was fitted "
            f"on {num_features} features"
        )
    flat = array.reshape(-1, num_features)
    return scaler.inverse_transform(flat).reshape(array.shape)
