"""Forecast accuracy in original units: RMSE, MAE, MAPE and MASE. Introduced in notebook 04.

Vocabulary
----------
season_length
    Periods per season: 1 scales MASE by the naive (last value) forecast, 12 by the seasonal
    naive forecast of monthly data. The same word is used by every function of the package
    that takes a season.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    root_mean_squared_error,
)

from ._validation import as_finite_array, check_positive_int


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    true = as_finite_array(y_true, "y_true").ravel()
    pred = as_finite_array(y_pred, "y_pred").ravel()
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same number of values, got {true.size} and "
            f"{pred.size}; align the forecast with the actual values first"
        )
    return true, pred


def rmse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Root mean squared error, in the units of the data.

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual and forecast values, the same number of each (any shape; flattened).

    Returns
    -------
    float
    """
    return float(root_mean_squared_error(*_pair(y_true, y_pred)))


def mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute error, in the units of the data.

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual and forecast values, the same number of each (any shape; flattened).

    Returns
    -------
    float
    """
    return float(mean_absolute_error(*_pair(y_true, y_pred)))


def mape(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute percentage error, in percent (5.0 means 5 %).

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual and forecast values, the same number of each; no actual value may be 0.

    Returns
    -------
    float
    """
    true, pred = _pair(y_true, y_pred)
    if np.any(true == 0):
        raise ValueError(
            "MAPE is undefined when an actual value is 0 (y_true has zeros); use mae or mase"
        )
    return float(100 * mean_absolute_percentage_error(true, pred))


def mase(y_true: ArrayLike, y_pred: ArrayLike, y_train: ArrayLike, season_length: int = 1) -> float:
    """Mean absolute scaled error: the forecast's MAE over the in-sample seasonal-naive MAE.

    The scale is the mean of ``|y_train[t] - y_train[t - season_length]|`` over the training
    part, so MASE below 1 means the forecast beats copying the value one season back, as
    measured on the training data (Hyndman & Koehler, 2006).

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual and forecast values, the same number of each.
    y_train : array_like
        The training series, shape ``(T,)``, with more than ``season_length`` values.
    season_length : int, default 1
        Periods per season: 1 scales by the naive forecast, 12 by the seasonal naive for
        monthly data.

    Returns
    -------
    float
    """
    true, pred = _pair(y_true, y_pred)
    train = as_finite_array(y_train, "y_train", max_ndim=1)
    season_length = check_positive_int(season_length, "season_length")
    if train.size <= season_length:
        raise ValueError(
            f"y_train needs more than season_length={season_length} values to compute the MASE "
            f"scale, got {train.size}"
        )
    scale = np.mean(np.abs(train[season_length:] - train[:-season_length]))
    if scale == 0:
        raise ValueError(
            f"y_train does not change over a lag of season_length={season_length}, so the MASE "
            "scale is 0; use mae instead"
        )
    return float(mean_absolute_error(true, pred) / scale)


def evaluate_forecast(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    y_train: ArrayLike,
    season_length: int = 1,
    name: str = "forecast",
) -> pd.DataFrame:
    """All four metrics of one forecast as a one-row table.

    Parameters
    ----------
    y_true, y_pred : array_like
        Actual and forecast values in original units, the same number of each.
    y_train : array_like
        The training series, shape ``(T,)``, used for the MASE scale.
    season_length : int, default 1
        Periods per season, for MASE.
    name : str, default "forecast"
        The row label; concatenate rows with ``pd.concat`` to build a comparison table.

    Returns
    -------
    pandas.DataFrame
        One row indexed by ``name`` with columns ``rmse``, ``mae``, ``mape`` (percent), ``mase``.
    """
    row = {
        "rmse": rmse(y_true, y_pred),
        "mae": mae(y_true, y_pred),
        "mape": mape(y_true, y_pred),
        "mase": mase(y_true, y_pred, y_train, season_length=season_length),
    }
    return pd.DataFrame(row, index=pd.Index([name], name="model"))
