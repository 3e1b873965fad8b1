"""Plot helpers: each draws on the Axes it is given (or a new one) and returns it."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from ._validation import as_finite_array


def _axes(ax: Axes | None) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    return ax


def _xy(values: ArrayLike, x: ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(values, pd.Series) and x is None:
        return values.index.to_numpy(), values.to_numpy()
    y = np.asarray(values).ravel()
    if x is None:
        return np.arange(y.size), y
    x_array = np.asarray(x)
    if x_array.shape[0] != y.size:
        raise ValueError(f"x has {x_array.shape[0]} values but the series has {y.size}")
    return x_array, y


def plot_series(
    values: ArrayLike,
    x: ArrayLike | None = None,
    ax: Axes | None = None,
    label: str | None = None,
    title: str | None = None,
    **plot_kwargs: object,
) -> Axes:
    """Draw one series as a line.

    Parameters
    ----------
    values : array_like or pandas.Series
        Shape ``(T,)``; a Series is drawn against its index.
    x : array_like, optional
        Positions on the x axis, shape ``(T,)``; defaults to the index or ``0 .. T-1``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    label, title : str, optional
        Legend label and Axes title.
    **plot_kwargs
        Passed on to ``Axes.plot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    x_values, y_values = _xy(values, x)
    ax.plot(x_values, y_values, label=label, **plot_kwargs)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


def plot_forecast(
    y_true: ArrayLike,
    forecasts: ArrayLike | Mapping[str, ArrayLike],
    x: ArrayLike | None = None,
    history: pd.Series | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    intervals: Mapping[str, tuple[ArrayLike, ArrayLike]] | None = None,
) -> Axes:
    """Draw the actual values, one or more forecasts of them, and interval bands.

    Parameters
    ----------
    y_true : array_like or pandas.Series
        Actual values, shape ``(H,)``.
    forecasts : array_like or mapping of str to array_like
        One forecast of shape ``(H,)``, or several keyed by the legend label.
    x : array_like, optional
        Positions on the x axis, shape ``(H,)``; defaults to the index of ``y_true``.
    history : pandas.Series, optional
        The values before the forecast origin, drawn in grey for context.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    title : str, optional
        Axes title.
    intervals : mapping of str to (array_like, array_like), optional
        Prediction intervals keyed by the legend label, each a pair ``(lower, upper)`` of
        shape ``(H,)`` with ``lower <= upper``, drawn as shaded bands (notebook 07).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    if not isinstance(forecasts, Mapping):
        forecasts = {"forecast": forecasts}
    x_values, actual = _xy(y_true, x)
    if history is not None:
        plot_series(history, ax=ax, color="0.6", label="history")
    ax.plot(x_values, actual, color="black", linewidth=2, label="actual")
    for label, forecast in forecasts.items():
        forecast_values = np.asarray(forecast).ravel()
        if forecast_values.size != actual.size:
            raise ValueError(
                f"forecast {label!r} has {forecast_values.size} values but y_true has {actual.size}"
            )
        ax.plot(x_values, forecast_values, label=label, linewidth=1.3)
    for label, (lower, upper) in (intervals or {}).items():
        low = as_finite_array(lower, f"lower of interval {label!r}", max_ndim=1)
        high = as_finite_array(upper, f"upper of interval {label!r}", max_ndim=1)
        if not low.size == high.size == actual.size:
            raise ValueError(
                f"interval {label!r} has {low.size} lower and {high.size} upper values but "
                f"y_true has {actual.size}"
            )
        if np.any(low > high):
            raise ValueError(f"interval {label!r} has lower bounds above its upper bounds")
        ax.fill_between(x_values, low, high, alpha=0.25, label=label)
    if title:
        ax.set_title(title)
    ax.legend()
    return ax


def plot_history(
    history: object,
    ax: Axes | None = None,
    keys: tuple[str, ...] = ("loss", "val_loss"),
    log_scale: bool = True,
) -> Axes:
    """Draw training curves from ``model.fit``.

    Parameters
    ----------
    history : keras.callbacks.History or mapping of str to list of float
        What ``model.fit`` returned, or its ``.history`` dict.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    keys : tuple of str, default ("loss", "val_loss")
        Which curves to draw; keys absent from ``history`` are skipped.
    log_scale : bool, default True
        Use a log scale for the loss axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    curves = getattr(history, "history", history)
    if not isinstance(curves, Mapping):
        raise TypeError(
            "history must be what model.fit returned or its .history dict, "
            f"got {type(history).__name__}"
        )
    present = [key for key in keys if key in curves]
    if not present:
        raise ValueError(f"history has none of the keys {list(keys)}; it has {list(curves)}")
    ax = _axes(ax)
    for key in present:
        epochs = np.arange(1, len(curves[key]) + 1)
        ax.plot(epochs, curves[key], label=key)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    if log_scale:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_gradient_norms(
    norms: ArrayLike | Mapping[str, ArrayLike],
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "lag k (steps back)",
    ylabel: str = "gradient norm",
) -> Axes:
    """Draw gradient norms against the lag on a log scale, one line per curve.

    Introduced in notebook 01, where the norms come from :func:`tutorial_utils.rnn_gradient_norms`
    and :func:`tutorial_utils.input_gradient_norms`.

    Parameters
    ----------
    norms : array_like or mapping of str to array_like
        One curve of shape ``(K,)``, entry ``k`` drawn at ``x = k``, or several keyed by the
        legend label (their lengths may differ). Values must be finite and >= 0; zeros (an
        underflowed gradient) are left out of the log-scale line.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    title : str, optional
        Axes title.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    curves = norms if isinstance(norms, Mapping) else {None: norms}
    if not curves:
        raise ValueError("norms is empty; pass an array or a dict of label -> array")
    checked = {}
    for label, values in curves.items():
        name = "norms" if label is None else f"norms[{label!r}]"
        array = as_finite_array(values, name, max_ndim=1)
        if (array < 0).any():
            raise ValueError(f"{name} has negative values; pass norms (>= 0), not raw gradients")
        checked[label] = array
    ax = _axes(ax)
    for label, array in checked.items():
        ax.plot(np.arange(array.size), np.where(array > 0, array, np.nan), label=label)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if None not in checked:
        ax.legend()
    return ax
