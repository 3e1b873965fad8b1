"""The self-checks of notebook 04's exercises: right answers pass, typical mistakes are named."""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# Exercise 1: the parameter count of LSTM(units) -> Dense(1)


def _lstm_params(units, num_features):
    return 4 * units * (num_features + units + 1)


def test_check_sine_lstm_param_count_agrees_with_keras(capsys):
    import keras

    def count(units, num_features):
        return _lstm_params(units, num_features) + units + 1

    for units, num_features in [(10, 1), (50, 1), (7, 3)]:
        model = keras.Sequential(
            [
                keras.Input((12, num_features)),
                keras.layers.LSTM(units),
                keras.layers.Dense(1),
            ]
        )
        assert count(units, num_features) == model.count_params()
    tu.checks.check_sine_lstm_param_count(count)
    tu.checks.check_sine_lstm_param_count(lambda u, f: 4 * (u * (f + u) + u) + (u + 1))
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_lstm_params, "you counted the LSTM alone"),
        (lambda u, f: _lstm_params(u, f) + u, "left out the Dense layer's bias"),
        (lambda u, f: 4 * u * (f + u) + u + 1, "left out the LSTM's biases"),
        (lambda u, f: u * (f + u + 1) + u + 1, "four sets of weights, one per gate"),
        (lambda u, f: 4 * u * (f + 1) + u + 1, "left out the recurrent weights U"),
        (lambda u, f: _lstm_params(f, u) + f + 1, "you swapped the arguments"),
        (lambda u, f: _lstm_params(u, f) + 2 * u, "values differ by up to"),
        ("491", "expected a function, got str"),
    ],
)
def test_check_sine_lstm_param_count_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_sine_lstm_param_count(function)
    assert str(error.value).startswith("Exercise 1, parameters of the sine forecaster: not yet.")
    assert "Hint: count layer by layer" in str(error.value)


# Exercise 2: the linear autoregression with windows of 10


def _window_rmses(window_size=10):
    """The right RMSE two ways, and the typical slips, computed with the package."""
    data = tu.prepare_sine_data(seed=0, window_size=window_size)
    x_all = np.concatenate([data.x_train, data.x_val])
    y_all = np.concatenate([data.y_train, data.y_val])
    pipeline = tu.fit_linear_autoregression(x_all, y_all)
    scaled = pipeline.predict(data.x_test)
    forecast = tu.inverse_scale(data.scaler, scaled)
    by_hand = LinearRegression().fit(x_all[:, :, 0], y_all[:, 0])  # float32, as notebook 04
    forecast_by_hand = tu.inverse_scale(data.scaler, by_hand.predict(data.x_test[:, :, 0]))
    train_only = tu.fit_linear_autoregression(data.x_train, data.y_train)
    test_scaled = data.scaler.transform(data.test_values.reshape(-1, 1))[:, 0]
    x_part, y_part = tu.make_windows(test_scaled, window_size)
    return {
        "pipeline": tu.rmse(data.test_values, forecast),
        "by hand": tu.rmse(data.test_values, forecast_by_hand),
        "mse": tu.rmse(data.test_values, forecast) ** 2,
        "train only": tu.rmse(
            data.test_values, tu.inverse_scale(data.scaler, train_only.predict(data.x_test))
        ),
        "scaled": tu.rmse(data.y_test[:, 0], scaled),
        "against sin": tu.rmse(np.sin(data.test_t), forecast),
        "test part alone": tu.rmse(
            tu.inverse_scale(data.scaler, y_part[:, 0]),
            tu.inverse_scale(data.scaler, pipeline.predict(x_part)),
        ),
    }


@pytest.fixture(scope="module")
def rmses():
    """Computed once, when the first test that needs it runs (not when pytest imports this)."""
    return {**_window_rmses(), "windows of 50": _window_rmses(50)["pipeline"]}


def test_check_short_window_rmse_accepts_the_pipeline_and_the_notebooks_way(rmses, capsys):
    assert rmses["pipeline"] != rmses["by hand"]  # float64 and float32: close, not equal
    tu.checks.check_short_window_rmse(rmses["pipeline"])
    tu.checks.check_short_window_rmse(np.float32(rmses["by hand"]))
    assert capsys.readouterr().out.count("Correct: Exercise 2") == 2


@pytest.mark.parametrize(
    ("make_answer", "message"),
    [
        (lambda r: r["windows of 50"], "that is the RMSE with windows of 50"),
        (lambda r: r["train only"], "you fitted on x_train alone"),
        (lambda r: r["scaled"], "that RMSE is in scaled units"),
        (lambda r: r["against sin"], "you scored against the clean sin"),
        (lambda r: r["mse"], "that is the mean squared error"),
        (lambda r: r["test part alone"], "you cut the test windows from the test part alone"),
        (lambda r: 1.01 * r["pipeline"], "your RMSE is too high"),
        (lambda r: 0.12, "your RMSE is too high"),
        (lambda r: [r["pipeline"]] * 2, r"your RMSE has shape \(2,\), expected \(\)"),
        (lambda r: "about 0.1", "your RMSE is text"),
    ],
)
def test_check_short_window_rmse_names_the_mistake_without_the_answer(rmses, make_answer, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_short_window_rmse(make_answer(rmses))
    text = str(error.value)
    assert text.startswith("Exercise 2, the linear model with windows of 10: not yet.")
    assert "Hint: score the window-10 linear model exactly as section 3" in text
    assert f"{rmses['pipeline']:.3f}" not in text and f"{rmses['pipeline']:.2f}" not in text


# Exercise 3: a free-running forecast by hand


def _loop(predict, start_window, horizon):
    """Notebook 04's loop."""
    window = np.asarray(start_window, dtype=np.float32).reshape(1, -1, 1)
    ahead = []
    for _ in range(horizon):
        next_value = float(np.ravel(predict(window))[0])
        ahead.append(next_value)
        window = np.concatenate([window[:, 1:], [[[next_value]]]], axis=1).astype(np.float32)
    return np.array(ahead)


def _rolled(predict, start_window, horizon):
    """Another right answer: np.roll in float64, a list out."""
    window = np.array(start_window, dtype=float).reshape(1, -1, 1)
    forecasts = []
    for _ in range(horizon):
        forecasts.append(predict(window).item())
        window = np.roll(window, -1, axis=1)
        window[0, -1, 0] = forecasts[-1]
    return forecasts


def _updating(update):
    def forecast(predict, start_window, horizon):
        window = np.asarray(start_window, dtype=np.float32).reshape(1, -1, 1)
        ahead = []
        for _ in range(horizon):
            ahead.append(float(predict(window)[0]))
            window = update(window, ahead[-1])
        return np.array(ahead)

    return forecast


def test_check_recursive_forecast_accepts_a_loop_np_roll_and_the_package(capsys):
    tu.checks.check_recursive_forecast(_loop)
    tu.checks.check_recursive_forecast(_rolled)
    tu.checks.check_recursive_forecast(tu.recursive_forecast)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 3


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_updating(lambda w, v: w), "every forecast is the same: the window never moves"),
        (
            _updating(lambda w, v: np.concatenate([w[:, :-1], [[[v]]]], axis=1)),
            "you dropped the newest value instead of the oldest",
        ),
        (
            _updating(lambda w, v: np.concatenate([[[[v]]], w[:, :-1]], axis=1)),
            "you put the forecast at the start of the window",
        ),
        (
            lambda p, w, n: np.concatenate([[np.ravel(w)[-1]], _loop(p, w, n - 1)]),
            "your forecasts are one step late",
        ),
        (
            lambda p, w, n: _loop(p, w, n)[:, np.newaxis],
            r"returns shape \(\d+, 1\): return one forecast per step, .* \(horizon,\)",
        ),
        (lambda p, w, n: _loop(p, w, n + 1), r"has shape \(\d+,\), expected \(\d+,\)"),
        (lambda p, w, n: p(np.asarray(w)), r"raised ValueError: predict takes windows of shape"),
        (lambda p, w, n: 2 * _loop(p, w, n), "values differ by up to"),
        (tu.recursive_forecast(lambda w: w[:, -1, 0], [1.0], 3), "expected a function, got"),
    ],
)
def test_check_recursive_forecast_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_recursive_forecast(function)
    assert str(error.value).startswith("Exercise 3, a free-running forecast: not yet.")
    assert "Hint: a free-running forecast slides its window by one step" in str(error.value)


def test_check_recursive_forecast_says_in_one_line_that_the_stub_is_unanswered():
    def stub(predict, start_window, horizon):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_recursive_forecast(stub)


# Exercise 4: the direct strategy for the linear model


def _direct(train_values, window_size, horizon, target=-1, origin=None, steps=None):
    last_window = np.asarray(train_values[-window_size:] if origin is None else origin)
    forecasts = []
    for h in steps or range(1, horizon + 1):
        x, y = tu.make_windows(train_values, window_size, horizon=h)
        model = LinearRegression().fit(x[:, :, 0], y[:, target])
        forecasts.append(model.predict(last_window.reshape(1, -1))[0])
    return np.array(forecasts)


def _direct_multi_output_float64(train_values, window_size, horizon):
    """Another right answer: windows by hand in float64, one multi-output fit per horizon."""
    values = np.asarray(train_values, dtype=float)
    forecasts = []
    for h in range(1, horizon + 1):
        starts = range(len(values) - window_size - h + 1)
        x = np.array([values[s : s + window_size] for s in starts])
        y = np.array([values[s + window_size : s + window_size + h] for s in starts])
        model = LinearRegression().fit(x, y)  # one regression per column: keep the last
        forecasts.append(model.predict(values[-window_size:][np.newaxis])[0, -1])
    return forecasts


def _recursive(train_values, window_size, horizon):
    linear_ar = tu.fit_linear_autoregression(*tu.make_windows(train_values, window_size))
    return tu.recursive_forecast(linear_ar.predict, train_values[-window_size:], horizon)


def test_check_direct_linear_forecast_accepts_two_right_answers(capsys):
    tu.checks.check_direct_linear_forecast(_direct)
    tu.checks.check_direct_linear_forecast(_direct_multi_output_float64)
    assert capsys.readouterr().out.count("Correct: Exercise 4") == 2


def _last_training_window(values, window_size, horizon):
    forecasts = []
    for h in range(1, horizon + 1):
        x, y = tu.make_windows(values, window_size, horizon=h)
        forecasts.append(_direct(values, window_size, 1, origin=x[-1, :, 0], steps=[h])[0])
    return np.array(forecasts)


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda v, w, h: _direct(v, w, h, target=0), "all your forecasts are the one-step"),
        (_recursive, "that is the recursive forecast"),
        (_last_training_window, r"you forecast from x\[-1\]"),
        (lambda v, w, h: _direct(v, w, h, origin=v[-w - 1 : -1]), "stops one value short"),
        (
            lambda v, w, h: _direct(v, w, h, steps=range(2, h + 2)),
            "your forecasts are one step late",
        ),
        (
            lambda v, w, h: _direct(v, w, h)[:, np.newaxis],
            r"returns shape \(\d+, 1\): return one forecast per horizon, .* \(horizon,\)",
        ),
        (lambda v, w, h: _direct(v, w, h - 1), r"has shape \(\d+,\), expected \(\d+,\)"),
        (lambda v, w, h: _direct(v, w, h) + 0.5, "values differ by up to"),
        (None, "expected a function, got None: pass your function itself"),
    ],
)
def test_check_direct_linear_forecast_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_direct_linear_forecast(function)
    assert str(error.value).startswith("Exercise 4, the direct strategy: not yet.")
    assert "Hint: the direct strategy fits one model per horizon h" in str(error.value)
