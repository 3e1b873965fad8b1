import numpy as np
import pandas as pd
import pytest

import tutorial_utils as tu
from tutorial_utils import datasets


def test_airline_series():
    series = tu.load_airline()
    assert series.name == "passengers" and len(series) == 144
    assert series.index[0] == pd.Timestamp("1949-01-01")
    assert series.index[-1] == pd.Timestamp("1960-12-01")
    assert series.index.freqstr == "MS"
    assert (series.iloc[0], series.iloc[-1], series.sum()) == (112, 432, 40363)


def test_airline_is_read_from_the_data_package():
    folder = datasets._data_folder()
    assert (folder / datasets.AIRLINE_FILE).is_file()
    assert (folder / "README.md").is_file()  # the provenance travels with the data


@pytest.fixture
def airline_copy(tmp_path, monkeypatch):
    copy = tmp_path / datasets.AIRLINE_FILE
    copy.write_bytes((datasets._data_folder() / datasets.AIRLINE_FILE).read_bytes())
    monkeypatch.setattr(datasets, "_data_folder", lambda: tmp_path)
    return copy


def test_altered_file_names_file_and_checksum(airline_copy):
    airline_copy.write_text(airline_copy.read_text().replace("1949-01,112", "1949-01,113"))
    with pytest.raises(
        ValueError,
        match=f"airline_passengers.csv has been altered.*expected {datasets.AIRLINE_SHA256}",
    ):
        tu.load_airline()


def test_missing_file(airline_copy):
    airline_copy.unlink()
    with pytest.raises(
        FileNotFoundError,
        match="airline_passengers.csv is missing from tutorial_utils.data; restore it with",
    ):
        tu.load_airline()


def test_monthly_csv_errors(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Month,Sales\n2020-01,5\n2020-02,6\n")
    with pytest.raises(ValueError, match=r"no column 'Date'.*\['Month', 'Sales'\]"):
        tu.load_monthly_csv(path, value_column="Sales")
    with pytest.raises(ValueError, match="no column 'Units'"):
        tu.load_monthly_csv(path, value_column="Units", date_column="Month")
    series = tu.load_monthly_csv(path, value_column="Sales", date_column="Month")
    assert series.index.freqstr == "MS" and series.tolist() == [5.0, 6.0]
    path.write_text("Date,Sales\n2020-01,5\n2020-03,6\n")
    with pytest.raises(ValueError, match="not one row per month"):
        tu.load_monthly_csv(path, value_column="Sales")
    path.write_text("Date,Sales\n2020-01,5\n2020-02,n/a\n")
    with pytest.raises(ValueError, match="non-numeric value at data row 1"):
        tu.load_monthly_csv(path, value_column="Sales")
    with pytest.raises(FileNotFoundError, match="no CSV file"):
        tu.load_monthly_csv(tmp_path / "nothing.csv", value_column="Sales")


def test_noisy_sine_is_reproducible():
    t, values = tu.make_noisy_sine()
    assert t.shape == values.shape == (1000,)
    assert t[0] == 0 and t[-1] == 100
    _, again = tu.make_noisy_sine(seed=0)
    _, other = tu.make_noisy_sine(seed=1)
    np.testing.assert_array_equal(values, again)
    assert not np.allclose(values, other)
    noise = values - np.sin(t)
    assert noise.std() == pytest.approx(0.1, rel=0.1)
    _, clean = tu.make_noisy_sine(num_points=50, t_max=5, noise_std=0)
    np.testing.assert_allclose(clean, np.sin(np.linspace(0, 5, 50)))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"num_points": 1}, ValueError, "num_points must be at least 2"),
        ({"num_points": 10.5}, TypeError, "num_points must be an integer"),
        ({"t_max": 0}, ValueError, "t_max must be a positive number"),
        ({"noise_std": -0.1}, ValueError, "noise_std must be 0 or more"),
    ],
)
def test_noisy_sine_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.make_noisy_sine(**kwargs)


def test_recall_task():
    x, y = tu.make_recall_task(50, 8, distractor_scale=3.0, seed=2)
    assert x.shape == (50, 8, 2) and y.shape == (50, 1)
    np.testing.assert_array_equal(y, x[:, 0, :1])
    assert np.all(np.abs(y) <= 1) and np.abs(x[:, 1:, 0]).max() <= 3
    assert np.abs(x[:, 1:, 0]).max() > 1  # the distractors are larger than the signal
    np.testing.assert_array_equal(x[:, :, 1], np.eye(8)[[0] * 50])  # the marker: first step only
    again, _ = tu.make_recall_task(50, 8, distractor_scale=3.0, seed=2)
    other, _ = tu.make_recall_task(50, 8, distractor_scale=3.0, seed=3)
    np.testing.assert_array_equal(x, again)
    assert not np.allclose(x, other)
    silent, _ = tu.make_recall_task(4, 3, distractor_scale=0)
    assert np.all(silent[:, 1:] == 0)
    _, many = tu.make_recall_task(20_000, 2)
    assert np.mean((many - many.mean()) ** 2) == pytest.approx(1 / 3, rel=0.05)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"num_sequences": 0, "num_steps": 5}, ValueError, "num_sequences must be at least 1"),
        ({"num_sequences": 2, "num_steps": 1}, ValueError, "num_steps must be at least 2"),
        ({"num_sequences": 2, "num_steps": 2.0}, TypeError, "num_steps must be an integer"),
        (
            {"num_sequences": 2, "num_steps": 5, "distractor_scale": -1},
            ValueError,
            "distractor_scale must be 0 or more",
        ),
    ],
)
def test_recall_task_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.make_recall_task(**kwargs)


def test_bikeshare_hours():
    frame = tu.load_bikeshare()
    assert len(frame) == 8760 and frame.index.freqstr == "h" and frame.index.name == "time"
    assert frame.index[0] == pd.Timestamp("2011-01-01 00:00")
    assert frame.index[-1] == pd.Timestamp("2011-12-31 23:00")
    assert int((~frame["observed"]).sum()) == 115
    measured = ["bikers", "casual", "registered", "temp", "atemp", "hum", "windspeed", "weathersit"]
    # absent hours: every measured column NaN, nothing filled in; present hours: all known
    assert frame.loc[~frame["observed"], measured].isna().all().all()
    assert frame.loc[frame["observed"], measured].notna().all().all()
    assert frame[["holiday", "workingday"]].notna().all().all()
    observed = frame[frame["observed"]]
    assert (observed["bikers"] == observed["casual"] + observed["registered"]).all()
    assert (observed["bikers"].min(), observed["bikers"].max()) == (1, 651)
    assert set(observed["weathersit"]) == {1.0, 2.0, 3.0, 4.0}
    assert observed[["temp", "atemp", "hum", "windspeed"]].stack().between(0, 1).all()


def test_bikeshare_rows_against_the_file():
    raw = pd.read_csv(datasets._data_folder() / datasets.BIKESHARE_FILE)
    frame = tu.load_bikeshare()
    first, last = raw.iloc[0], raw.iloc[-1]
    assert frame.loc["2011-01-01 00:00", "bikers"] == first["bikers"] == 16
    assert frame.loc["2011-12-31 23:00", "bikers"] == last["bikers"]
    assert frame["bikers"].sum() == raw["bikers"].sum()
    # a known absent hour: day 2 has no row for one of its hours
    day_2 = raw[raw["day"] == 2]
    absent_hour = sorted(set(range(24)) - set(day_2["hr"]))[0]
    assert not frame.loc[pd.Timestamp("2011-01-02") + pd.Timedelta(hours=absent_hour), "observed"]
    # holidays: 10 days, 24 hours each, among them Independence Day and Christmas (observed 26th)
    holidays = frame.index[frame["holiday"] == 1].normalize().unique()
    assert len(holidays) == 10 and (frame["holiday"] == 1).sum() == 240
    assert pd.Timestamp("2011-07-04") in holidays and pd.Timestamp("2011-12-26") in holidays
    weekends = frame.index.dayofweek >= 5
    assert (frame.loc[weekends, "workingday"] == 0).all()


@pytest.fixture
def bikeshare_copy(tmp_path, monkeypatch):
    copy = tmp_path / datasets.BIKESHARE_FILE
    copy.write_bytes((datasets._data_folder() / datasets.BIKESHARE_FILE).read_bytes())
    monkeypatch.setattr(datasets, "_data_folder", lambda: tmp_path)
    return copy


def test_bikeshare_altered_file(bikeshare_copy):
    text = bikeshare_copy.read_text()
    bikeshare_copy.write_text(text.replace(",3,13,16\n", ",3,13,17\n", 1))
    with pytest.raises(
        ValueError,
        match=f"bikeshare_2011_hourly.csv has been altered.*expected {datasets.BIKESHARE_SHA256}",
    ):
        tu.load_bikeshare()


def test_bikeshare_missing_file(bikeshare_copy):
    bikeshare_copy.unlink()
    with pytest.raises(FileNotFoundError, match="bikeshare_2011_hourly.csv is missing"):
        tu.load_bikeshare()
