import numpy as np
import pandas as pd
import pytest

import tutorial_utils as tu
from tutorial_utils import demand


@pytest.fixture(scope="module")
def frame():
    return tu.load_bikeshare()


@pytest.fixture(scope="module")
def windows(frame):
    return tu.make_demand_windows(frame)


def test_covariates_follow_the_feature_groups(frame):
    covariates = demand.demand_covariates(frame)
    expected = [name for group in demand.FEATURE_GROUPS.values() for name in group]
    assert list(covariates.columns) == expected
    noon_monday = covariates.loc["2011-01-03 12:00"]  # 3 January 2011 was a Monday
    np.testing.assert_allclose(noon_monday[["hour_sin", "hour_cos"]], [0, -1], atol=1e-12)
    np.testing.assert_allclose(noon_monday[["weekday_sin", "weekday_cos"]], [0, 1], atol=1e-12)
    observed = covariates[frame["observed"]]
    assert observed["weathersit"].between(0, 1).all() and set(observed["weathersit"]) == {
        0,
        1 / 3,
        2 / 3,
        1,
    }
    assert covariates.loc[~frame["observed"], "temp"].isna().all()


def test_windows_and_parts(frame, windows):
    assert windows.x_past.shape[1:] == (168, 6) and windows.x_future.shape[1:] == (24, 11)
    assert windows.past_names[0] == "bikers" and len(windows.future_names) == 11
    counts = {part: len(windows.part(part)) for part in ("train", "validation", "test")}
    assert counts == {"train": 136, "validation": 35, "test": 46}
    both = windows.part("train+validation")
    np.testing.assert_array_equal(
        both, np.union1d(windows.part("train"), windows.part("validation"))
    )
    test = windows.part("test")
    assert (windows.origins[test].hour == 0).all()
    assert windows.origins[test][0] >= pd.Timestamp("2011-11-01")
    every_hour = windows.part("train", every_hour=True)
    assert len(every_hour) > 20 * counts["train"]
    last = windows.origins[every_hour[-1]] + pd.Timedelta(hours=23)
    assert last < pd.Timestamp("2011-09-01")  # no training target reaches into validation
    # the oracle: the frame itself, at the origin's next 24 hours and past week
    k = test[5]
    origin = windows.origins[k]
    day = frame.loc[origin : origin + pd.Timedelta(hours=23), "bikers"]
    np.testing.assert_array_equal(windows.y[k], day.to_numpy(np.float32))
    week = frame.loc[origin - pd.Timedelta(hours=168) : origin - pd.Timedelta(hours=1)]
    np.testing.assert_array_equal(windows.x_past[k, :, 0], week["bikers"].to_numpy(np.float32))
    np.testing.assert_array_equal(windows.x_past[k, :, 1], week["temp"].to_numpy(np.float32))
    with pytest.raises(ValueError, match="name must be one of"):
        windows.part("holdout")


def test_select_inputs(windows):
    positions = windows.part("test")
    x_past, x_future, names = demand.select_inputs(windows, positions)
    assert x_past.shape[2] == 6 and names == list(windows.future_names)
    x_past, x_future, names = demand.select_inputs(windows, positions, future_weather=False)
    assert x_past.shape[2] == 6 and "temp" not in names and len(names) == x_future.shape[2] == 6
    x_past, x_future, names = demand.select_inputs(windows, positions, drop=("weather",))
    assert x_past.shape[2] == 1 and len(names) == 6
    _, x_future, names = demand.select_inputs(windows, positions, drop=tuple(demand.FEATURE_GROUPS))
    assert x_future.shape == (len(positions), 24, 0) and names == []
    with pytest.raises(ValueError, match=r"unknown feature group\(s\) \['season'\]"):
        demand.select_inputs(windows, positions, drop=("season",))


def test_tabular_features_lags(frame, windows):
    positions = windows.part("validation")[:3]
    features = tu.tabular_features(
        windows.x_past[positions], windows.x_future[positions], windows.future_names
    )
    assert len(features) == 3 * 24
    row = features.iloc[24 + 7]  # window 1, 7 hours after its origin
    hour = windows.origins[positions[1]] + pd.Timedelta(hours=7)
    assert row["step"] == 7
    assert row["same_hour_yesterday"] == frame.loc[hour - pd.Timedelta(hours=24), "bikers"]
    assert row["same_hour_last_week"] == frame.loc[hour - pd.Timedelta(hours=168), "bikers"]
    assert row["temp"] == pytest.approx(frame.loc[hour, "temp"])
    past_day = frame.loc[windows.origins[positions[1]] - pd.Timedelta(hours=24) :, "bikers"][:24]
    assert row["mean_last_day"] == pytest.approx(past_day.mean())
    with pytest.raises(ValueError, match="needs a past week"):
        tu.tabular_features(windows.x_past[:2, :100], windows.x_future[:2], windows.future_names)


def test_tabular_models(windows):
    with pytest.raises(ValueError, match="kind must be 'ridge' or 'boosting'"):
        demand.fit_tabular_model("forest", pd.DataFrame({"a": [1.0]}), np.array([1.0]))
    forecast = demand.tabular_forecast("ridge", windows, "train", "validation")
    assert forecast.shape == (35, 24) and np.isfinite(forecast).all()


def test_days_as_steps():
    hours = np.arange(2 * 48 * 3, dtype=np.float32).reshape(2, 48, 3)
    days = tu.days_as_steps(hours)
    assert days.shape == (2, 2, 72)
    np.testing.assert_array_equal(days[1, 1], hours[1, 24:].ravel())
    with pytest.raises(ValueError, match="multiple of 24"):
        tu.days_as_steps(np.zeros((1, 30, 1)))


def test_scores_and_scale():
    values = np.array([1.0, 2.0, np.nan, 4.0, 7.0, 5.0])
    # pairs two apart: |nan - 1| skipped, |4 - 2| = 2, |7 - nan| skipped, |5 - 4| = 1
    assert demand.seasonal_mae_scale(values, season_length=2) == 1.5
    with pytest.raises(ValueError, match="free of gaps"):
        demand.seasonal_mae_scale(np.array([1.0, np.nan, np.nan, 2.0]), season_length=2)
    scores = tu.demand_scores(np.zeros((2, 3)), np.array([[1.0, -1, 1], [3, 0, 0]]), scale=2.0)
    assert scores == {"mae": 1.0, "rmse": pytest.approx(np.sqrt(2)), "mase": 0.5}
    with pytest.raises(ValueError, match=r"shape \(n, 24\), got \(3,\)"):
        tu.demand_scores(np.zeros(3), np.zeros(3), scale=1.0)


def test_network_shapes():
    model = tu.build_demand_lstm(7, 24 * 6, 24, 11, units=32)
    assert [tuple(layer.shape[1:]) for layer in model.inputs] == [(7, 144), (24, 11)]
    lstm = 4 * (144 * 32 + 32 * 32 + 32)
    hidden = (32 + 24 * 11) * 64 + 64
    assert model.count_params() == lstm + hidden + 64 * 24 + 24
    alone = tu.build_demand_lstm(7, 24, 24, 0)
    assert len(alone.inputs) == 1 and alone.output.shape[1:] == (24,)


def test_demand_lstm_rejects_bad_settings():
    with pytest.raises(ValueError, match="batch_size must be"):
        tu.DemandLSTM(batch_size=0)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        tu.DemandLSTM(learning_rate=-0.1)
    with pytest.raises(TypeError, match="num_epochs"):
        tu.DemandLSTM(num_epochs=2.5)


def test_demand_lstm_is_reproducible(windows):
    positions = windows.part("train")[:64]
    x_past, x_future, _ = demand.select_inputs(windows, positions)
    with pytest.raises(RuntimeError, match="not fitted yet"):
        tu.DemandLSTM().predict(x_past, x_future)
    forecasts = [
        tu.DemandLSTM(seed=seed, num_epochs=1)
        .fit(x_past, x_future, windows.y[positions])
        .predict(x_past[:4], x_future[:4])
        for seed in (3, 3, 4)
    ]
    assert forecasts[0].shape == (4, 24) and (forecasts[0] > -1).all()
    np.testing.assert_allclose(forecasts[0], forecasts[1], rtol=1e-5)
    assert not np.allclose(forecasts[0], forecasts[2])
