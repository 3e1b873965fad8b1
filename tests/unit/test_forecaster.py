import json

import keras
import numpy as np
import pandas as pd
import pytest
import sklearn.base

import tutorial_utils as tu

FAST = {"num_epochs": 2, "repeats": 1}  # enough to exercise the code, not to forecast well


def monthly(values, start="2001-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"), name="y")


def synthetic(num_months=120, seed=1):
    """A monthly series with a linear trend, a yearly season and noise: not the airline data."""
    t = np.arange(num_months)
    noise = np.random.default_rng(seed).normal(0, 1.0, num_months)
    return monthly(100 + 0.5 * t + 10 * np.sin(2 * np.pi * t / 12) + noise)


@pytest.fixture(scope="module")
def series():
    return synthetic()


@pytest.fixture(scope="module")
def fitted(series):
    return tu.LSTMForecaster(seed=0).fit(series[:108])


def test_forecasts_another_monthly_series(series, fitted):
    forecast = fitted.predict(12)
    assert isinstance(forecast, pd.Series) and forecast.shape == (12,)
    assert forecast.index.equals(series.index[108:]) and forecast.index.freqstr == "MS"
    actual = series[108:]
    seasonal_naive = tu.seasonal_naive_forecast(series[:108], 12)
    # The trend lifts each month by 6 a year; copying last year misses it, the LSTM does not.
    assert tu.mape(actual, forecast) < 0.6 * tu.mape(actual, seasonal_naive)


def test_same_seed_same_forecast(series):
    first = tu.LSTMForecaster(seed=3, **FAST).fit(series).predict(5)
    again = tu.LSTMForecaster(seed=3, **FAST).fit(series).predict(5)
    other = tu.LSTMForecaster(seed=4, **FAST).fit(series).predict(5)
    pd.testing.assert_series_equal(first, again)
    assert not np.allclose(first, other)


def test_save_and_load_give_the_same_forecast(fitted, tmp_path):
    folder = fitted.save(tmp_path / "airline_lstm")
    assert sorted(path.name for path in folder.iterdir()) == ["forecaster.json", "model.keras"]
    settings = json.loads((folder / "forecaster.json").read_text())
    assert settings["params"] == fitted.get_params()
    assert settings["freq"] == "MS" and settings["last_date"].startswith("2009-12-01")
    loaded = tu.LSTMForecaster.load(folder)
    assert repr(loaded) == repr(fitted)
    pd.testing.assert_series_equal(loaded.predict(30), fitted.predict(30))


def test_one_step_with_true_inputs(series, fitted):
    one_step = fitted.predict_one_step(series)
    assert one_step.index.equals(series.index[108:])
    # The first one-step forecast is the first value of the multi-step forecast.
    assert one_step.iloc[0] == pytest.approx(fitted.predict(1).iloc[0], rel=1e-6)
    # Later ones read true values, so they follow the series more closely than the forecast.
    multi_step = fitted.predict(12)
    actual = series[108:]
    assert tu.mae(actual, one_step) < tu.mae(actual, multi_step) + 0.5


def test_direct_strategy_and_longer_horizons(series):
    forecaster = tu.LSTMForecaster(strategy="direct", num_outputs=6, seed=0, **FAST).fit(series)
    assert forecaster.model_.output_shape == (None, 6)
    long = forecaster.predict(15)  # fed back six at a time
    short = forecaster.predict(4)
    assert long.shape == (15,) and np.isfinite(long).all()
    np.testing.assert_allclose(short, long[:4])
    assert long.index[0] == pd.Timestamp("2011-01-01")


def test_log_and_other_season_lengths():
    t = np.arange(40)
    quarterly = pd.Series(
        50 * 1.02**t * (1 + 0.2 * np.cos(np.pi * t / 2)),
        index=pd.date_range("1990-01-01", periods=40, freq="QS"),
    )
    forecaster = tu.LSTMForecaster(season_length=4, log=True, **FAST).fit(quarterly)
    assert forecaster.window_size is None and forecaster.window_size_ == 4
    forecast = forecaster.predict(8)
    assert forecast.index[0] == pd.Timestamp("2000-01-01") and forecast.index.freqstr == "QS-JAN"
    assert (forecast > 0).all()


def test_a_straight_line_is_continued():
    line = monthly(10.0 + 2.0 * np.arange(48))
    forecast = tu.LSTMForecaster(seed=0).fit(line).predict(6)
    # Every seasonal difference is 24, so its standard deviation is 0 and the LSTM learns 0.
    np.testing.assert_allclose(forecast, 10.0 + 2.0 * np.arange(48, 54), atol=0.5)


def test_build_lstm_model_shapes():
    model = tu.build_lstm_model(window_size=12, num_outputs=3, units=5)
    assert model.output_shape == (None, 3)
    assert model(np.zeros((2, 12, 1), dtype="float32")).shape == (2, 3)
    assert isinstance(model.layers[0], keras.layers.LSTM) and model.layers[0].units == 5
    with pytest.raises(ValueError, match="num_outputs must be at least 1"):
        tu.build_lstm_model(12, 0)


@pytest.mark.parametrize(
    ("make_series", "error", "message"),
    [
        (lambda s: s[:24], ValueError, "has 24 values but window_size=12 .* at least 25"),
        (lambda s: s.to_numpy(), TypeError, "must be a pandas Series"),
        (lambda s: s.reset_index(drop=True), TypeError, "DatetimeIndex"),
        (lambda s: s.drop(s.index[30]), ValueError, "not evenly spaced.*is a date missing"),
        (lambda s: s.where(s.index != s.index[40]), ValueError, "NaN values"),
        (lambda s: s.sample(frac=1.0, random_state=0), ValueError, "increasing"),
        (lambda s: s.astype(str), TypeError, "must hold numbers"),
    ],
)
def test_fit_rejects_bad_series(series, make_series, error, message):
    with pytest.raises(error, match=message):
        tu.LSTMForecaster(**FAST).fit(make_series(series))


def test_log_needs_positive_values(series):
    with pytest.raises(ValueError, match="log=True needs positive values.*pass log=False"):
        tu.LSTMForecaster(log=True, **FAST).fit(series - 200)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"season_length": 0}, ValueError, "season_length must be at least 1"),
        ({"seed": -1}, ValueError, "seed must be 0 or more"),
        ({"seed": 1.5}, TypeError, "seed must be an integer"),
        ({"window_size": 2.5}, TypeError, "window_size must be an integer"),
        ({"strategy": "both"}, ValueError, "'recursive' or 'direct'"),
        ({"strategy": "direct"}, ValueError, "needs the number of values .* num_outputs=36"),
        ({"num_outputs": 3}, ValueError, "'recursive' predicts one value per window"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a number, got str"),
        ({"log": "yes"}, TypeError, "log must be True or False"),
        ({"learning_rate": 0}, ValueError, "learning_rate must be a positive number"),
        ({"units": 0}, ValueError, "units must be at least 1"),
        ({"num_models": 0}, ValueError, "num_models must be at least 1"),
        ({"num_models": 2.0}, TypeError, "num_models must be an integer"),
    ],
)
def test_bad_settings_are_refused_by_fit(series, arguments, error, message):
    forecaster = tu.LSTMForecaster(**arguments)  # stored as given, as in scikit-learn
    assert forecaster.get_params()[next(iter(arguments))] == next(iter(arguments.values()))
    with pytest.raises(error, match=message):
        forecaster.fit(series)
    assert not hasattr(forecaster, "models_")


def test_predict_errors(series, fitted, tmp_path):
    with pytest.raises(ValueError, match="not fitted yet; call .fit"):
        tu.LSTMForecaster().predict(3)
    with pytest.raises(AttributeError, match="not fitted yet; call .fit"):
        tu.LSTMForecaster().model_  # noqa: B018 (the attribute access is what is tested)
    with pytest.raises(ValueError, match="not fitted yet"):
        tu.LSTMForecaster().save(tmp_path / "nothing")
    with pytest.raises(ValueError, match="horizon must be at least 1"):
        fitted.predict(0)
    with pytest.raises(TypeError, match="horizon must be an integer"):
        fitted.predict(3.0)


def test_one_step_errors(series, fitted):
    with pytest.raises(ValueError, match="at least one date after it"):
        fitted.predict_one_step(series[:108])
    with pytest.raises(ValueError, match="does not match the training series"):
        fitted.predict_one_step(series + 1)
    with pytest.raises(ValueError, match="must contain the last training date"):
        fitted.predict_one_step(series[110:])
    quarterly = series.resample("QS").mean()
    with pytest.raises(ValueError, match="spaced QS-JAN but the forecaster was fitted on MS"):
        fitted.predict_one_step(quarterly)


def test_load_errors(fitted, tmp_path):
    with pytest.raises(FileNotFoundError, match="no saved LSTMForecaster at .*forecaster.json"):
        tu.LSTMForecaster.load(tmp_path / "no_such_folder")
    folder = fitted.save(tmp_path / "saved")
    (folder / "model.keras").unlink()
    with pytest.raises(FileNotFoundError, match="no saved LSTMForecaster at .*model.keras missing"):
        tu.LSTMForecaster.load(folder)
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("not a folder")
    with pytest.raises(ValueError, match="is a file; pass a folder"):
        fitted.save(a_file)


def test_settings_follow_scikit_learns_conventions(series):
    forecaster = tu.LSTMForecaster(seed=3, num_models=2)
    assert repr(forecaster) == "LSTMForecaster(num_models=2, seed=3)"  # the settings changed
    params = forecaster.get_params()
    assert list(params) == sorted(params) and params["window_size"] is None
    assert params["num_outputs"] is None and params["num_models"] == 2
    assert forecaster.set_params(units=4, seed=5) is forecaster
    assert (forecaster.units, forecaster.seed) == (4, 5)
    copy = sklearn.base.clone(forecaster)
    assert copy is not forecaster and copy.get_params() == forecaster.get_params()
    with pytest.raises(ValueError, match="Invalid parameter 'unit'"):
        forecaster.set_params(unit=4)


def test_fitted_attributes(series, fitted):
    assert len(fitted.models_) == 1 and fitted.model_ is fitted.models_[0]
    assert (fitted.window_size_, fitted.num_outputs_) == (12, 1)
    np.testing.assert_array_equal(fitted.history_, series[108 - 24 : 108].to_numpy())
    assert fitted.last_date_ == pd.Timestamp("2009-12-01") and fitted.freq_ == "MS"
    differences = series[12:108].to_numpy() - series[:96].to_numpy()
    assert fitted.differencer_.mean_ == pytest.approx(differences.mean())
    assert fitted.differencer_.std_ == pytest.approx(differences.std())


def test_an_ensemble_averages_the_forecasts_of_consecutive_seeds(series, tmp_path):
    train = series[:108]
    ensemble = tu.LSTMForecaster(seed=3, num_models=2, **FAST).fit(train)
    members = [tu.LSTMForecaster(seed=seed, **FAST).fit(train) for seed in (3, 4)]
    assert len(ensemble.models_) == 2
    mean = pd.concat([member.predict(15) for member in members], axis=1).mean(axis=1)
    pd.testing.assert_series_equal(ensemble.predict(15), mean.rename("LSTM"), rtol=1e-6)
    one_step = pd.concat([member.predict_one_step(series) for member in members], axis=1)
    pd.testing.assert_series_equal(
        ensemble.predict_one_step(series), one_step.mean(axis=1).rename("LSTM one-step"), rtol=1e-6
    )
    folder = ensemble.save(tmp_path / "ensemble")
    assert sorted(path.name for path in folder.iterdir()) == [
        "forecaster.json",
        "model_0.keras",
        "model_1.keras",
    ]
    loaded = tu.LSTMForecaster.load(folder)
    assert loaded.get_params() == ensemble.get_params() and len(loaded.models_) == 2
    pd.testing.assert_series_equal(loaded.predict(15), ensemble.predict(15))
    (folder / "model_1.keras").unlink()
    with pytest.raises(FileNotFoundError, match="model_1.keras missing"):
        tu.LSTMForecaster.load(folder)


# -- prediction intervals (notebook 07) -------------------------------------------------------


@pytest.fixture(scope="module")
def calibrated(series):
    return tu.LSTMForecaster(seed=0, calibration_size=24, **FAST).fit(series[:108])


def test_calibration_errors_come_from_networks_fitted_before_the_calibration_values(
    series, calibrated
):
    errors = calibrated.calibration_errors_
    assert errors.shape == (24, 24)
    # Origin j reaches 24 - j steps: NaN after that, numbers before.
    assert np.array_equal(np.isnan(errors), np.triu(np.ones((24, 24), bool), 1)[::-1, :])
    # Oracle for the first origin: the same settings fitted on the first 84 values alone.
    early = tu.LSTMForecaster(seed=0, **FAST).fit(series[:84])
    expected = series[84:108].to_numpy() - early.predict(24).to_numpy()
    np.testing.assert_allclose(errors[0], expected, rtol=1e-5, atol=1e-6)
    # ... and for the last origin, one step ahead of the second-to-last value.
    last = early.predict_one_step(series[:108]).to_numpy()[-1]
    assert errors[-1, 0] == pytest.approx(series.iloc[107] - last, rel=1e-5, abs=1e-6)


def test_predict_with_coverage_is_the_forecast_plus_minus_a_conformal_quantile(series, calibrated):
    interval = calibrated.predict(6, coverage=0.8)
    assert list(interval.columns) == ["forecast", "lower", "upper"]
    assert interval.index.equals(series.index[108:114])
    # coverage None keeps the point forecast, the same as without calibration.
    point = calibrated.predict(6)
    pd.testing.assert_series_equal(interval["forecast"], point, check_names=False)
    plain = tu.LSTMForecaster(seed=0, **FAST).fit(series[:108]).predict(6)
    pd.testing.assert_series_equal(point, plain)
    # By hand: step h has 25 - h errors; 80 % takes rank ceil((n + 1) * 0.8).
    for step in range(1, 7):
        column = np.sort(np.abs(calibrated.calibration_errors_[: 25 - step, step - 1]))
        rank = int(np.ceil((25 - step + 1) * 0.8 - 1e-9))
        half_width = interval["upper"].iloc[step - 1] - interval["forecast"].iloc[step - 1]
        assert half_width == pytest.approx(column[rank - 1])
        lower_gap = interval["forecast"].iloc[step - 1] - interval["lower"].iloc[step - 1]
        assert lower_gap == pytest.approx(half_width)
    wider = calibrated.predict(6, coverage=0.95)
    assert (wider["upper"] >= interval["upper"]).all() and (
        wider["lower"] <= interval["lower"]
    ).all()


def test_interval_errors(series, calibrated, fitted):
    with pytest.raises(ValueError, match=r"coverage must be in \(0, 1\), got 1.0"):
        calibrated.predict(3, coverage=1.0)
    with pytest.raises(ValueError, match=r"coverage must be in \(0, 1\), got 90"):
        calibrated.predict(3, coverage=90)
    with pytest.raises(TypeError, match="coverage must be a number between 0 and 1"):
        calibrated.predict(3, coverage="90%")
    with pytest.raises(ValueError, match="fitted without calibration.*calibration_size=24"):
        fitted.predict(3, coverage=0.9)
    # 95 % needs 19 errors per step; 24 origins give that many up to step 6.
    calibrated.predict(6, coverage=0.95)
    with pytest.raises(ValueError, match="up to step 6 only; ask horizon <= 6.*>= 25"):
        calibrated.predict(7, coverage=0.95)
    with pytest.raises(ValueError, match="calibration_size=100 leaves 8 of the 108 values"):
        tu.LSTMForecaster(calibration_size=100, **FAST).fit(series[:108])
    with pytest.raises(ValueError, match="calibration_size must be at least 1"):
        tu.LSTMForecaster(calibration_size=0, **FAST).fit(series[:108])


def test_log_intervals_scale_with_the_forecast(series):
    forecaster = tu.LSTMForecaster(log=True, calibration_size=12, **FAST).fit(series[:108])
    interval = forecaster.predict(4, coverage=0.5)
    # forecast * exp(-q) and forecast * exp(q): their product is the forecast squared.
    np.testing.assert_allclose(interval["lower"] * interval["upper"], interval["forecast"] ** 2)
    assert (interval["lower"] < interval["forecast"]).all()


def test_save_and_load_keep_the_interval(series, tmp_path):
    ensemble = tu.LSTMForecaster(seed=1, num_models=2, calibration_size=12, **FAST)
    ensemble.fit(series[:108])
    loaded = tu.LSTMForecaster.load(ensemble.save(tmp_path / "calibrated"))
    assert loaded.calibration_size == 12
    np.testing.assert_array_equal(
        np.isnan(loaded.calibration_errors_), np.isnan(ensemble.calibration_errors_)
    )
    pd.testing.assert_frame_equal(
        loaded.predict(5, coverage=0.8), ensemble.predict(5, coverage=0.8)
    )
    uncalibrated = tu.LSTMForecaster(**FAST).fit(series[:108])
    reloaded = tu.LSTMForecaster.load(uncalibrated.save(tmp_path / "plain"))
    assert reloaded.calibration_errors_ is None
