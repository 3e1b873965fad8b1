import functools

import keras
import numpy as np
import pytest

import tutorial_utils as tu

SMALL = {"window_size": 8, "num_points": 120}


def test_article_layout():
    data = tu.prepare_sine_data(seed=0)
    assert data.x_train.shape == (600, 50, 1) and data.y_train.shape == (600, 1)
    assert data.x_val.shape == (150, 50, 1) and data.y_val.shape == (150, 1)
    assert data.x_test.shape == (200, 50, 1) and data.y_test.shape == (200, 1)
    assert data.num_train == 800 and data.window_size == 50
    t, values = tu.make_noisy_sine(seed=0)
    np.testing.assert_array_equal(data.values, values)
    np.testing.assert_array_equal(data.test_t, t[800:])
    np.testing.assert_array_equal(data.test_values, values[800:])


def test_scaled_on_train_only_and_in_time_order():
    data = tu.prepare_sine_data(seed=3, **SMALL)
    # The scaler sees only the values the training windows read: not one validation target.
    seen = data.values[: data.num_train - len(data.x_val)]
    assert seen.size == len(data.x_train) + 8
    assert data.scaler.data_min_[0] == seen.min() and data.scaler.data_max_[0] == seen.max()
    # Every window is the slice of the scaled series it should be: train, then val, then test.
    scaled = data.scaler.transform(data.values[:, np.newaxis])[:, 0].astype(np.float32)
    windows = np.concatenate([data.x_train, data.x_val, data.x_test])[:, :, 0]
    targets = np.concatenate([data.y_train, data.y_val, data.y_test])[:, 0]
    num_train_windows = len(data.x_train) + len(data.x_val)
    starts = np.r_[np.arange(num_train_windows), data.num_train - 8 + np.arange(len(data.x_test))]
    for window, target, start in zip(windows, targets, starts, strict=True):
        np.testing.assert_allclose(window, scaled[start : start + 8], atol=1e-6)
        np.testing.assert_allclose(target, scaled[start + 8], atol=1e-6)
    np.testing.assert_allclose(
        tu.inverse_scale(data.scaler, data.y_test[:, 0]), data.test_values, atol=1e-5
    )


def test_validation_values_do_not_move_the_scaler():
    data = tu.prepare_sine_data(seed=2)
    _, values = tu.make_noisy_sine(seed=2)
    assert values[650:800].max() > values[:650].max()  # this seed's validation part sets a new max
    assert data.scaler.data_max_[0] == values[:650].max()
    assert data.y_val.max() > 1  # so a validation target lies above the scaled training range


def test_build_sine_lstm_is_the_article_model():
    model = tu.build_sine_lstm()
    assert model.input_shape == (None, 50, 1) and model.output_shape == (None, 1)
    assert [type(layer).__name__ for layer in model.layers] == ["LSTM", "Dense"]
    assert model.layers[0].units == 50
    assert model.count_params() == 4 * (50 * (1 + 50) + 50) + 51
    assert isinstance(model.optimizer, keras.optimizers.Adam) and model.loss == "mse"
    assert float(model.optimizer.learning_rate) == pytest.approx(5e-3)


def test_cosine_decay():
    model = tu.build_sine_lstm(window_size=4, units=3, learning_rate=0.01, decay_steps=10)
    optimizer = model.optimizer
    assert optimizer.get_config()["learning_rate"]["class_name"] == "CosineDecay"
    # The learning rate the optimizer would use after a number of training steps:
    rates = {}
    for step in (0, 5, 10, 20):
        optimizer.iterations.assign(step)
        rates[step] = float(optimizer.learning_rate)
    assert rates == pytest.approx({0: 0.01, 5: 0.005, 10: 0.0, 20: 0.0}, abs=1e-7)


def test_constant_learning_rate_without_decay():
    optimizer = tu.build_sine_lstm(window_size=4, units=3, learning_rate=0.01).optimizer
    optimizer.iterations.assign(1000)
    assert float(optimizer.learning_rate) == pytest.approx(0.01)


def test_fit_restores_the_best_epoch():
    tu.seed_everything(0)
    data = tu.prepare_sine_data(seed=1, **SMALL)
    model = tu.build_sine_lstm(window_size=8, units=4, learning_rate=0.05)
    history = tu.fit_with_early_stopping(
        model, data.x_train, data.y_train, data.x_val, data.y_val, num_epochs=6, patience=1
    )
    losses = history.history["val_loss"]
    assert 2 <= len(losses) <= 6 and "loss" in history.history
    final = model.evaluate(data.x_val, data.y_val, verbose=0)
    assert final == pytest.approx(min(losses), rel=1e-4)


def test_fit_stops_when_validation_stops_improving():
    tu.seed_everything(0)
    data = tu.prepare_sine_data(seed=1, **SMALL)
    model = tu.build_sine_lstm(window_size=8, units=4, learning_rate=1e-9)  # cannot improve
    history = tu.fit_with_early_stopping(
        model, data.x_train, data.y_train, data.x_val, data.y_val, num_epochs=50, patience=2
    )
    assert len(history.history["val_loss"]) < 50


def test_run_sine_experiment_scores():
    results = tu.run_over_seeds(
        functools.partial(tu.run_sine_experiment, num_epochs=2, units=4, **SMALL),
        seeds=[2],
        progress=False,
    )
    scores = results.loc[2]
    assert {"lstm", "persistence", "linear_ar", "noise_floor", "lstm_free"} <= set(scores.index)
    assert np.isfinite(scores.to_numpy()).all()
    t, values = tu.make_noisy_sine(120, seed=2)
    test = values[96:]
    assert scores["noise_floor"] == pytest.approx(tu.rmse(test, np.sin(t[96:])))
    assert scores["persistence"] == pytest.approx(tu.rmse(test, values[95:-1]), rel=1e-5)
    assert scores["epochs"] <= 2 and 1 <= scores["best_epoch"] <= scores["epochs"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"window_size": 0}, ValueError, "window_size must be at least 1"),
        ({"window_size": 79}, ValueError, "needs at least 81"),
        ({"val_fraction": 0.0}, ValueError, r"val_fraction must be in \(0, 1\)"),
        ({"val_fraction": 0.001}, ValueError, "leaves an empty training or validation part"),
        ({"train_fraction": 1.0}, ValueError, "train_fraction must be in"),
        ({"val_fraction": "0.2"}, TypeError, "val_fraction must be a number between 0 and 1"),
    ],
)
def test_prepare_bad_input(kwargs, error, message):
    kwargs.setdefault("num_points", 100)
    with pytest.raises(error, match=message):
        tu.prepare_sine_data(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"units": 0}, ValueError, "units must be at least 1"),
        ({"window_size": 2.0}, TypeError, "window_size must be an integer"),
        ({"learning_rate": 0}, ValueError, "learning_rate must be a positive number"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a number, got str '0.1'"),
        ({"decay_steps": 0}, ValueError, "decay_steps must be at least 1"),
    ],
)
def test_build_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.build_sine_lstm(**kwargs)


def test_fit_bad_input():
    x, y = np.zeros((4, 3, 1)), np.zeros((4, 1))
    uncompiled = keras.Sequential([keras.Input((3, 1)), keras.layers.Dense(1)])
    with pytest.raises(TypeError, match="compiled keras.Model"):
        tu.fit_with_early_stopping(uncompiled, x, y, x, y)
    with pytest.raises(TypeError, match="compiled keras.Model"):
        tu.fit_with_early_stopping("model", x, y, x, y)
    model = tu.build_sine_lstm(window_size=3, units=2)
    with pytest.raises(ValueError, match="x_val has 4 windows but y_val has 3 targets"):
        tu.fit_with_early_stopping(model, x, y, x, y[:3])
    with pytest.raises(ValueError, match="num_epochs must be at least 1"):
        tu.fit_with_early_stopping(model, x, y, x, y, num_epochs=0)
    with pytest.raises(ValueError, match="x_train contains NaN"):
        tu.fit_with_early_stopping(model, np.full((4, 3, 1), np.nan), y, x, y)


def test_run_bad_input():
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        tu.run_sine_experiment(0, batch_size=0, **SMALL)
    with pytest.raises(TypeError, match="learning_rate must be a number, got str"):
        tu.run_sine_experiment(0, learning_rate="0.1", **SMALL)
