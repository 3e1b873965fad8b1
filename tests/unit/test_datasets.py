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
