import numpy as np
import pytest

import tutorial_utils as tu


def test_feeds_back_its_own_forecasts():
    def double_last(windows):
        return 2 * windows[:, -1, 0]

    np.testing.assert_array_equal(
        tu.recursive_forecast(double_last, [1.0, 1.0], horizon=4), [2, 4, 8, 16]
    )


def test_uses_no_value_after_the_origin():
    seen = []

    def mean_of_window(windows):
        seen.append(windows.copy())
        return windows.mean(axis=(1, 2))

    forecast = tu.recursive_forecast(mean_of_window, np.array([[1.0], [2.0], [3.0]]), 3)
    np.testing.assert_allclose(forecast, [2.0, 7 / 3, 22 / 9], rtol=1e-6)
    assert seen[0].shape == (1, 3, 1) and seen[0].dtype == np.float32
    np.testing.assert_allclose(seen[2][0, :, 0], [3.0, 2.0, 7 / 3], rtol=1e-6)


def test_continues_a_sine_exactly_with_its_ar2_recursion():
    # sin(w(t+1)) = 2 cos(w) sin(wt) - sin(w(t-1)): a linear predictor that is exact.
    omega = 0.3
    series = np.sin(omega * np.arange(60))

    def exact(windows):
        return 2 * np.cos(omega) * windows[:, -1, 0] - windows[:, -2, 0]

    forecast = tu.recursive_forecast(exact, series[:10], horizon=50)
    np.testing.assert_allclose(forecast, series[10:], atol=1e-5)


def test_several_origins_at_once():
    def add_one(windows):
        return windows[:, -1, :] + 1  # shape (N, 1) is accepted too

    starts = np.array([[0.0, 1.0], [5.0, 10.0]])[:, :, np.newaxis]
    forecast = tu.recursive_forecast(add_one, starts, horizon=3)
    assert forecast.shape == (2, 3)
    np.testing.assert_array_equal(forecast, [[2, 3, 4], [11, 12, 13]])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"predict": 3, "start_window": [1.0], "horizon": 1}, TypeError, "predict must be"),
        ({"start_window": [1.0], "horizon": 0}, ValueError, "horizon must be at least 1"),
        ({"start_window": [1.0], "horizon": 1.5}, TypeError, "horizon must be an integer"),
        ({"start_window": np.ones((3, 2)), "horizon": 1}, ValueError, "has 2 features"),
        ({"start_window": np.ones((1, 3, 2)), "horizon": 1}, ValueError, "has 2 features"),
        ({"start_window": [1.0, np.nan], "horizon": 1}, ValueError, "NaN or infinite"),
        ({"start_window": [], "horizon": 1}, ValueError, "start_window is empty"),
    ],
)
def test_bad_input_is_named(kwargs, error, message):
    kwargs.setdefault("predict", lambda windows: windows[:, -1, 0])
    with pytest.raises(error, match=message):
        tu.recursive_forecast(**kwargs)


def test_bad_predictor_output_is_named():
    with pytest.raises(ValueError, match="returned 2 values for 1 window"):
        tu.recursive_forecast(lambda windows: np.zeros(2), [1.0, 2.0], horizon=1)
    outputs = iter([[1.0], [np.inf]])
    with pytest.raises(ValueError, match="NaN or infinite values at step 2"):
        tu.recursive_forecast(lambda windows: next(outputs), [0.0], horizon=2)
