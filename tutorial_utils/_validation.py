"""Input checks shared by the package: clear messages that say what was wrong and what to do."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike


def as_finite_array(values: ArrayLike, name: str, max_ndim: int = 2) -> np.ndarray:
    """Return ``values`` as a float64 array after checking it is numeric, non-empty and finite.

    Parameters
    ----------
    values : array_like
        The input to check, of shape ``(T,)`` or, when ``max_ndim`` allows, ``(T, F)``.
    name : str
        The parameter name used in error messages.
    max_ndim : int
        The largest number of dimensions accepted.

    Returns
    -------
    numpy.ndarray
        ``values`` as float64, same shape.
    """
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold numbers (int or float), got dtype {array.dtype}; "
            "convert it with pd.to_numeric or np.asarray(..., dtype=float) first"
        )
    if array.ndim == 0 or array.ndim > max_ndim:
        expected = {1: "1-D (T,)", 2: "1-D (T,) or 2-D (T, num_features)"}.get(
            max_ndim, f"an array of 1 to {max_ndim} dimensions"
        )
        raise ValueError(f"{name} must be {expected}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value")
    array = array.astype(np.float64, copy=False)
    finite = np.isfinite(array)
    if not finite.all():
        first = tuple(int(i) for i in np.argwhere(~finite)[0])
        position = first[0] if len(first) == 1 else first
        raise ValueError(
            f"{name} contains NaN or infinite values (first at index {position}); "
            "fill or drop them before windowing, scaling or scoring"
        )
    return array


def check_positive_int(value: object, name: str) -> int:
    """Return ``value`` if it is an integer >= 1, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)
