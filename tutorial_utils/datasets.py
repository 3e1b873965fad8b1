"""The data of the notebooks: airline passengers, bike-share demand, a noisy sine, a memory task."""

from __future__ import annotations

import hashlib
import io
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._validation import check_positive_int

if TYPE_CHECKING:  # importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

# The bundled files live in the repository's data/ folder, installed as this package (see
# [tool.setuptools.package-dir] in pyproject.toml): no second copy, read with importlib.resources.
DATA_PACKAGE = "tutorial_utils.data"
AIRLINE_FILE = "airline_passengers.csv"
AIRLINE_SHA256 = "28af0eb869db6d9fbd31d5af03993a0cbf36c0857c3eb046a068c094b60da851"
BIKESHARE_FILE = "bikeshare_2011_hourly.csv"
BIKESHARE_SHA256 = "ac6950ae6f11efcc69c29d6bb13e8881c001e27d36434660d59444a1414f712c"
# The UCI coding of the weather situation, 1 (best) to 4 (worst).
WEATHER_SITUATIONS = ("clear", "cloudy/misty", "light rain/snow", "heavy rain/snow")


def _data_folder() -> Traversable:
    return resources.files(DATA_PACKAGE)


def _read_bundled_file(name: str, sha256: str) -> bytes:
    """Return the bytes of the bundled data file ``name`` after checking its sha256."""
    file = _data_folder() / name
    restore = f"restore it with 'git checkout -- data/{name}' or reinstall the package"
    if not file.is_file():
        raise FileNotFoundError(
            f"the bundled data file {name} is missing from {DATA_PACKAGE}; {restore}"
        )
    content = file.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    if digest != sha256:
        raise ValueError(
            f"the bundled data file {name} has been altered: its sha256 is {digest}, expected "
            f"{sha256}; {restore}"
        )
    return content


def _monthly_series(
    frame: pd.DataFrame, label: str, value_column: str, date_column: str, name: str | None
) -> pd.Series:
    missing = [column for column in (date_column, value_column) if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{label} has no column {' or '.join(map(repr, missing))}; "
            f"its columns are {list(frame.columns)}"
        )
    values = pd.to_numeric(frame[value_column], errors="coerce")
    if values.isna().any():
        row = int(np.flatnonzero(values.isna().to_numpy())[0])
        raise ValueError(
            f"{label}: column {value_column!r} has a missing or non-numeric value at data row {row}"
        )
    dates = pd.to_datetime(frame[date_column]).dt.to_period("M").dt.to_timestamp()
    try:
        index = pd.DatetimeIndex(dates, freq="MS", name=date_column.lower())
    except ValueError as error:
        raise ValueError(
            f"{label}: the dates in {date_column!r} are not one row per month in order "
            "with none missing"
        ) from error
    return pd.Series(values.to_numpy(dtype=np.float64), index=index, name=name or value_column)


def load_monthly_csv(
    path: str | Path,
    value_column: str,
    date_column: str = "Date",
    name: str | None = None,
) -> pd.Series:
    """Read a monthly series from a CSV file into a ``pd.Series`` with a month-start index.

    Parameters
    ----------
    path : str or pathlib.Path
        The CSV file, one row per month, dates like ``1949-01`` or ``1949-01-01``.
    value_column : str
        The column holding the values.
    date_column : str, default "Date"
        The column holding the dates.
    name : str, optional
        Name of the returned series; defaults to ``value_column``.

    Returns
    -------
    pandas.Series
        float64 values, shape ``(T,)``, with a regular monthly ``DatetimeIndex`` (``freq="MS"``).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no CSV file at {path}")
    return _monthly_series(pd.read_csv(path), path.name, value_column, date_column, name)


def load_airline() -> pd.Series:
    """Load the monthly international airline passengers, in thousands, 1949-01 to 1960-12.

    The Box & Jenkins series G, bundled as ``data/airline_passengers.csv`` (installed in the
    package ``tutorial_utils.data``); the file's sha256 is checked before reading. Introduced
    in notebook 00, modelled in notebook 05.

    Returns
    -------
    pandas.Series
        144 float64 values named ``passengers`` with a month-start ``DatetimeIndex``
        (1949-01-01 .. 1960-12-01, ``freq="MS"``).
    """
    frame = pd.read_csv(io.BytesIO(_read_bundled_file(AIRLINE_FILE, AIRLINE_SHA256)))
    return _monthly_series(frame, AIRLINE_FILE, "Passengers", "Date", "passengers")


def load_bikeshare() -> pd.DataFrame:
    """Load the hourly bike-share demand of Washington DC in 2011, with weather and holidays.

    The UCI "Bike Sharing" data set (Fanaee-T and Gama, 2013, CC BY 4.0), year 2011, bundled as
    ``data/bikeshare_2011_hourly.csv``; the file's sha256 is checked before reading. The file has
    one row per hour that had at least one rental record, 8,645 of the year's 8,760 hours; here
    every hour of the year is present, and the 115 absent hours are marked (``observed`` is
    False) with every measured column NaN: nothing is filled in. Introduced in notebook 06.

    Returns
    -------
    pandas.DataFrame
        8,760 rows, one per hour, with an hourly ``DatetimeIndex`` named ``time``
        (2011-01-01 00:00 .. 2011-12-31 23:00, ``freq="h"``) and the columns

        - ``bikers``: riders in the hour (the target), ``casual`` + ``registered``; float64,
          NaN at absent hours;
        - ``temp``, ``atemp``, ``hum``, ``windspeed``: normalised weather (temperature / 41 degC,
          felt temperature / 50 degC, humidity / 100, wind speed / 67), NaN at absent hours;
        - ``weathersit``: weather situation, 1 clear, 2 cloudy or misty, 3 light rain or snow,
          4 heavy rain or snow (the UCI coding); NaN at absent hours;
        - ``holiday``, ``workingday``: 0 or 1, known for every hour (they belong to the day);
        - ``observed``: False for the 115 hours that have no row in the file.
    """
    frame = pd.read_csv(io.BytesIO(_read_bundled_file(BIKESHARE_FILE, BIKESHARE_SHA256)))
    start = pd.Timestamp("2011-01-01")
    times = start + pd.to_timedelta(frame["day"] - 1, unit="D") + pd.to_timedelta(frame["hr"], "h")
    codes = {name: code for code, name in enumerate(WEATHER_SITUATIONS, start=1)}
    measured = pd.DataFrame(
        {
            "bikers": frame["bikers"],
            "casual": frame["casual"],
            "registered": frame["registered"],
            "temp": frame["temp"],
            "atemp": frame["atemp"],
            "hum": frame["hum"],
            "windspeed": frame["windspeed"],
            "weathersit": frame["weathersit"].map(codes),
        }
    ).astype(np.float64)
    measured.index = pd.DatetimeIndex(times, name="time")
    index = pd.date_range(start, periods=8760, freq="h", name="time")
    result = measured.reindex(index)
    # The checksum guarantees one row per (day, hr), and holiday and workingday constant per day.
    calendar = frame.groupby("day")[["holiday", "workingday"]].first()
    for column in ("holiday", "workingday"):
        result[column] = calendar[column].to_numpy()[index.dayofyear - 1].astype(np.int64)
    result["observed"] = result["bikers"].notna()
    return result


def make_noisy_sine(
    num_points: int = 1000,
    t_max: float = 100.0,
    noise_std: float = 0.1,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Make the source article's toy series: ``sin(t)`` plus Gaussian noise on an even grid.

    Shown in notebook 00, cut into windows in notebook 03 and forecast in notebook 04.

    Parameters
    ----------
    num_points : int, default 1000
        Number of samples (>= 2).
    t_max : float, default 100.0
        ``t`` runs evenly from 0 to ``t_max`` inclusive.
    noise_std : float, default 0.1
        Standard deviation of the noise (>= 0); 0 gives the clean sine.
    seed : int, default 0
        Seed of the noise; the same seed gives the same series.

    Returns
    -------
    t : numpy.ndarray
        float64, shape ``(num_points,)``.
    values : numpy.ndarray
        float64, shape ``(num_points,)``: ``sin(t) + noise``.
    """
    if isinstance(num_points, bool) or not isinstance(num_points, (int, np.integer)):
        raise TypeError(f"num_points must be an integer, got {num_points!r}")
    if num_points < 2:
        raise ValueError(f"num_points must be at least 2, got {num_points}")
    if not np.isfinite(t_max) or t_max <= 0:
        raise ValueError(f"t_max must be a positive number, got {t_max}")
    if not np.isfinite(noise_std) or noise_std < 0:
        raise ValueError(f"noise_std must be 0 or more, got {noise_std}")
    t = np.linspace(0.0, float(t_max), num_points)
    noise = np.random.default_rng(seed).normal(0.0, noise_std, num_points)
    return t, np.sin(t) + noise


def make_recall_task(
    num_sequences: int,
    num_steps: int,
    distractor_scale: float = 5.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Make a long-memory task: recall the value marked at the first step, after distractors.

    Each sequence has two input features. Feature 0 holds a signal ``s`` drawn uniformly from
    ``[-1, 1]`` at the first step, then ``num_steps - 1`` distractors drawn uniformly from
    ``[-distractor_scale, distractor_scale]``; feature 1 is a marker, 1 at the first step and 0
    after. The target is ``s``: a model must carry it across ``num_steps - 1`` steps while
    ignoring the distractors. Predicting the mean gives a mean squared error of about 1/3.
    Introduced in notebook 01.

    Parameters
    ----------
    num_sequences : int
        Number of sequences ``N`` (>= 1).
    num_steps : int
        Sequence length ``T`` (>= 2): the signal is ``T - 1`` steps back from the last input.
    distractor_scale : float, default 5.0
        Half-width of the distractors' range (>= 0); 0 gives silent distractors.
    seed : int, default 0
        Seed of the draws; the same seed gives the same sequences.

    Returns
    -------
    x : numpy.ndarray
        float64, shape ``(num_sequences, num_steps, 2)``.
    y : numpy.ndarray
        float64, shape ``(num_sequences, 1)``: the signal ``s``, equal to ``x[:, 0, :1]``.
    """
    num_sequences = check_positive_int(num_sequences, "num_sequences")
    num_steps = check_positive_int(num_steps, "num_steps")
    if num_steps < 2:
        raise ValueError("num_steps must be at least 2 (the signal and one step after it), got 1")
    if not np.isfinite(distractor_scale) or distractor_scale < 0:
        raise ValueError(f"distractor_scale must be 0 or more, got {distractor_scale}")
    rng = np.random.default_rng(seed)
    x = np.zeros((num_sequences, num_steps, 2))
    x[:, :, 0] = rng.uniform(-distractor_scale, distractor_scale, size=(num_sequences, num_steps))
    x[:, 0, 0] = rng.uniform(-1.0, 1.0, size=num_sequences)
    x[:, 0, 1] = 1.0
    return x, x[:, 0, :1].copy()
