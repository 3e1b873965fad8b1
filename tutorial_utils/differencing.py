"""The forecaster's preprocessing as one object: log, seasonal difference, standardisation.

Introduced in notebook 05, where each step is first written out by hand.

Vocabulary
----------
level
    A value after the optional log, ``log(v[t])`` or ``v[t]``.
seasonal difference
    ``d[t] = level[t] - level[t - season_length]``: it removes a stable season and turns a
    steady trend into a constant.
scaled difference
    ``(d[t] - mean_) / std_``, with the mean and standard deviation of the training series'
    differences: what the network reads and predicts.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array, check_positive_int


class SeasonalDifferencer:
    """Map a series to standardised seasonal differences and back, fitted on training values.

    ``transform`` takes logs (when ``log``), differences over one season and standardises with
    the training mean and standard deviation of the differences; ``inverse_transform`` undoes
    the three steps for a forecast that follows known values, and ``undifference`` for values
    whose level one season before is known (one-step forecasts with true inputs).

    Parameters
    ----------
    season_length : int, default 12
        Periods per season: the lag of the difference.
    log : bool, default False
        Take logs first (positive values only): a multiplicative season becomes additive.

    Attributes
    ----------
    mean_ : float
        Mean of the training series' seasonal differences (of its logs when ``log``).
    std_ : float
        Their standard deviation (``ddof=0``); 1.0 when they are all equal, so a constant
        difference (a straight line) maps to 0.

    Examples
    --------
    >>> differencer = SeasonalDifferencer(season_length=2).fit([1.0, 2.0, 3.0, 5.0, 5.0, 8.0])
    >>> scaled = differencer.transform([1.0, 2.0, 3.0, 5.0, 5.0, 8.0])
    >>> differencer.inverse_transform(scaled, history=[1.0, 2.0]).tolist()
    [3.0, 5.0, 5.0, 8.0]
    """

    def __init__(self, season_length: int = 12, log: bool = False) -> None:
        self.season_length = check_positive_int(season_length, "season_length")
        if not isinstance(log, bool):
            raise TypeError(f"log must be True or False, got {log!r}")
        self.log = log

    def _levels(self, values: ArrayLike, name: str) -> np.ndarray:
        array = as_finite_array(values, name, max_ndim=1)
        if self.log and np.any(array <= 0):
            raise ValueError(
                f"log=True needs positive values, but {name} has a minimum of {array.min():g}; "
                "pass log=False"
            )
        return np.log(array) if self.log else array

    def _values(self, levels: np.ndarray) -> np.ndarray:
        return np.exp(levels) if self.log else levels

    def _check_fitted(self) -> None:
        if not hasattr(self, "mean_"):
            raise ValueError("this SeasonalDifferencer is not fitted yet; call .fit(values) first")

    def fit(self, values: ArrayLike) -> SeasonalDifferencer:
        """Learn the mean and standard deviation of the seasonal differences of ``values``.

        Parameters
        ----------
        values : array_like
            The training series, shape ``(T,)`` with ``T > season_length``; positive when
            ``log``.

        Returns
        -------
        SeasonalDifferencer
            ``self``, fitted.
        """
        levels = self._levels(values, "values")
        if levels.size <= self.season_length:
            raise ValueError(
                f"values needs more than season_length={self.season_length} values to take a "
                f"seasonal difference, got {levels.size}"
            )
        differences = levels[self.season_length :] - levels[: -self.season_length]
        std = float(differences.std())
        self.mean_ = float(differences.mean())
        self.std_ = std if std > 0 else 1.0
        return self

    def transform(self, values: ArrayLike) -> np.ndarray:
        """Return the scaled seasonal differences of ``values``.

        Parameters
        ----------
        values : array_like
            A series, shape ``(T,)`` with ``T > season_length``.

        Returns
        -------
        numpy.ndarray
            float64, shape ``(T - season_length,)``: element ``k`` belongs to
            ``values[k + season_length]``.
        """
        self._check_fitted()
        levels = self._levels(values, "values")
        if levels.size <= self.season_length:
            raise ValueError(
                f"values needs more than season_length={self.season_length} values, "
                f"got {levels.size}"
            )
        differences = levels[self.season_length :] - levels[: -self.season_length]
        return (differences - self.mean_) / self.std_

    def undifference(self, scaled: ArrayLike, season_before: ArrayLike) -> np.ndarray:
        """Return the values whose scaled differences are ``scaled``, from their known past.

        Parameters
        ----------
        scaled : array_like
            Scaled seasonal differences, shape ``(N,)``.
        season_before : array_like
            For each, the actual value one season earlier, shape ``(N,)``.

        Returns
        -------
        numpy.ndarray
            float64, shape ``(N,)``, in the units of the training series.
        """
        self._check_fitted()
        scaled = as_finite_array(scaled, "scaled", max_ndim=1)
        before = self._levels(season_before, "season_before")
        if before.shape != scaled.shape:
            raise ValueError(
                f"scaled and season_before must have the same shape, got {scaled.shape} and "
                f"{before.shape}"
            )
        return self._values(before + (scaled * self.std_ + self.mean_))

    def inverse_transform(self, scaled: ArrayLike, history: ArrayLike) -> np.ndarray:
        """Return the values that follow ``history`` and have the scaled differences ``scaled``.

        Each value is rebuilt from the value one season before it, which comes from ``history``
        for the first season and from the values rebuilt so far after that: a multi-step
        forecast.

        Parameters
        ----------
        scaled : array_like
            Scaled seasonal differences of the values after ``history``, shape ``(H,)``.
        history : array_like
            The values just before them, shape ``(T,)`` with ``T >= season_length``.

        Returns
        -------
        numpy.ndarray
            float64, shape ``(H,)``, in the units of the training series.
        """
        self._check_fitted()
        scaled = as_finite_array(scaled, "scaled", max_ndim=1)
        levels = self._levels(history, "history")
        season = self.season_length
        if levels.size < season:
            raise ValueError(
                f"history needs at least season_length={season} values, got {levels.size}"
            )
        rebuilt = list(levels[-season:])
        for difference in scaled * self.std_ + self.mean_:
            rebuilt.append(rebuilt[-season] + difference)
        return self._values(np.asarray(rebuilt[season:]))
