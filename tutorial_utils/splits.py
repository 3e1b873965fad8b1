"""Chronological train/validation/test splits. Introduced in notebook 03."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pandas as pd

from ._validation import check_fraction

Sliceable = TypeVar("Sliceable", np.ndarray, pd.Series, pd.DataFrame)


def chronological_split(
    values: Sliceable,
    train_fraction: float = 0.8,
    val_fraction: float = 0.0,
) -> tuple[Sliceable, ...]:
    """Split a series into contiguous parts in time order: train, (validation,) test.

    No shuffling, no overlap, nothing lost: concatenating the parts gives back ``values``.
    The train part has ``int(T * train_fraction)`` rows, the validation part
    ``int(T * val_fraction)`` rows and the test part the rest. Introduced in notebook 03.

    Parameters
    ----------
    values : numpy.ndarray, pandas.Series or pandas.DataFrame
        The series, time along the first axis, shape ``(T,)`` or ``(T, num_features)``.
    train_fraction : float, default 0.8
        Share of rows for training, in (0, 1).
    val_fraction : float, default 0.0
        Share of rows for validation, in [0, 1); ``train_fraction + val_fraction < 1``.

    Returns
    -------
    tuple
        ``(train, test)`` when ``val_fraction == 0``, else ``(train, val, test)``; each part
        has the type of ``values``.
    """
    if not isinstance(values, (np.ndarray, pd.Series, pd.DataFrame)):
        values = np.asarray(values)
    train_fraction = check_fraction(train_fraction, "train_fraction", allow_zero=False)
    val_fraction = check_fraction(val_fraction, "val_fraction", allow_zero=True)
    if train_fraction + val_fraction >= 1:
        raise ValueError(
            f"train_fraction + val_fraction must be below 1 to leave a test part, "
            f"got {train_fraction} + {val_fraction} = {train_fraction + val_fraction}"
        )
    if np.ndim(values) == 0:
        raise ValueError("values must be a series with time along the first axis, got a scalar")
    num_steps = len(values)
    num_train = int(num_steps * train_fraction)
    num_val = int(num_steps * val_fraction)
    sizes = {"train": num_train, "test": num_steps - num_train - num_val}
    if val_fraction > 0:
        sizes["validation"] = num_val
    empty = [part for part, size in sizes.items() if size < 1]
    if empty:
        raise ValueError(
            f"{num_steps} values split as train_fraction={train_fraction}, "
            f"val_fraction={val_fraction} leave an empty {' and '.join(empty)} part; "
            "pass a longer series or change the fractions"
        )
    rows = values.iloc if isinstance(values, (pd.Series, pd.DataFrame)) else values
    train = rows[:num_train]
    test = rows[num_train + num_val :]
    if val_fraction > 0:
        return train, rows[num_train : num_train + num_val], test
    return train, test
