import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import tutorial_utils as tu


def test_article_example():
    x, y = tu.make_windows([10, 20, 30, 40, 50, 60], window_size=3)
    assert x.shape == (3, 3, 1) and y.shape == (3, 1)
    assert x.dtype == np.float32 and y.dtype == np.float32
    np.testing.assert_array_equal(x[:, :, 0], [[10, 20, 30], [20, 30, 40], [30, 40, 50]])
    np.testing.assert_array_equal(y, [[40], [50], [60]])


def test_horizon_and_multivariate_target():
    values = np.column_stack([np.arange(10), 100 + np.arange(10)])
    x, y = tu.make_windows(values, window_size=4, horizon=2, target_column=1)
    assert x.shape == (5, 4, 2) and y.shape == (5, 2)
    np.testing.assert_array_equal(x[0], values[:4])
    np.testing.assert_array_equal(y[0], [104, 105])
    np.testing.assert_array_equal(y[-1], [108, 109])
    _, y_last = tu.make_windows(values, window_size=4, target_column=-1)
    np.testing.assert_array_equal(y_last[:, 0], values[4:, 1])


def test_article_sine_shape():
    _, values = tu.make_noisy_sine()
    x, y = tu.make_windows(values[:800], window_size=50)
    assert x.shape == (750, 50, 1) and y.shape == (750, 1)


@given(
    values=arrays(
        np.float64,
        st.tuples(st.integers(2, 40), st.integers(1, 3)),
        elements=st.floats(-1e6, 1e6),
    ),
    data=st.data(),
)
def test_every_window_is_its_slice_and_targets_follow(values, data):
    num_steps, num_features = values.shape
    window_size = data.draw(st.integers(1, num_steps - 1))
    horizon = data.draw(st.integers(1, num_steps - window_size))
    target = data.draw(st.integers(0, num_features - 1))
    x, y = tu.make_windows(values, window_size, horizon=horizon, target_column=target)
    num_samples = num_steps - window_size - horizon + 1
    assert x.shape == (num_samples, window_size, num_features)
    assert y.shape == (num_samples, horizon)
    expected = values.astype(np.float32)
    for k in range(num_samples):
        np.testing.assert_array_equal(x[k], expected[k : k + window_size])
        np.testing.assert_array_equal(
            y[k], expected[k + window_size : k + window_size + horizon, target]
        )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"values": np.arange(50), "window_size": 60},
            ValueError,
            "needs at least 61 values, got 50",
        ),
        (
            {"values": np.arange(10), "window_size": 9, "horizon": 2},
            ValueError,
            "window_size=9 with horizon=2 needs at least 11 values, got 10",
        ),
        ({"values": np.arange(10), "window_size": 0}, ValueError, "window_size must be at least 1"),
        ({"values": np.arange(10), "window_size": 2, "horizon": 0}, ValueError, "horizon must be"),
        (
            {"values": np.arange(10), "window_size": 2.5},
            TypeError,
            "window_size must be an integer",
        ),
        ({"values": [1.0, np.nan, 3.0], "window_size": 1}, ValueError, "NaN or infinite"),
        ({"values": [1.0, np.inf, 3.0], "window_size": 1}, ValueError, "first at index 1"),
        ({"values": np.zeros((4, 2, 2)), "window_size": 1}, ValueError, r"got shape \(4, 2, 2\)"),
        ({"values": [], "window_size": 1}, ValueError, "values is empty"),
        ({"values": ["a", "b", "c"], "window_size": 1}, TypeError, "must hold numbers"),
        (
            {"values": np.arange(5), "window_size": 1, "target_column": 1},
            ValueError,
            "out of range",
        ),
    ],
)
def test_bad_input_is_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.make_windows(**kwargs)


def _covariate_windows_by_loop(target, past, future, window_size, horizon, stride):
    """The plain-loop oracle: every origin in turn, kept when nothing it touches is NaN."""
    rows = []
    for origin in range(window_size, len(target) - horizon + 1, stride):
        x_past = np.column_stack([target, past])[origin - window_size : origin]
        x_future = future[origin : origin + horizon]
        y = target[origin : origin + horizon]
        if not (np.isnan(x_past).any() or np.isnan(x_future).any() or np.isnan(y).any()):
            rows.append((x_past, x_future, y, origin))
    return rows


@given(
    num_steps=st.integers(3, 60),
    num_past=st.integers(0, 2),
    num_future=st.integers(0, 3),
    data=st.data(),
)
def test_covariate_windows_match_a_plain_loop(num_steps, num_past, num_future, data):
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    target = rng.normal(size=num_steps)
    past = rng.normal(size=(num_steps, num_past))
    future = rng.normal(size=(num_steps, num_future))
    for array in (target, past, future):  # a few gaps anywhere
        array[rng.random(array.shape) < 0.05] = np.nan
    window_size = data.draw(st.integers(1, num_steps - 1))
    horizon = data.draw(st.integers(1, num_steps - window_size))
    stride = data.draw(st.integers(1, 5))
    x_past, x_future, y, origins = tu.make_covariate_windows(
        target, window_size, horizon, past, future, stride=stride
    )
    expected = _covariate_windows_by_loop(target, past, future, window_size, horizon, stride)
    assert x_past.shape == (len(expected), window_size, 1 + num_past)
    assert x_future.shape == (len(expected), horizon, num_future)
    assert y.shape == (len(expected), horizon) and origins.shape == (len(expected),)
    assert x_past.dtype == x_future.dtype == y.dtype == np.float32
    for k, (past_k, future_k, y_k, origin_k) in enumerate(expected):
        np.testing.assert_array_equal(x_past[k], past_k.astype(np.float32))
        np.testing.assert_array_equal(x_future[k], future_k.astype(np.float32))
        np.testing.assert_array_equal(y[k], y_k.astype(np.float32))
        assert origins[k] == origin_k


def test_covariate_windows_daily_origins_and_a_gap():
    hours = np.arange(24 * 5, dtype=float)
    calendar = hours % 24
    x_past, x_future, y, origins = tu.make_covariate_windows(
        hours, window_size=48, horizon=24, future_covariates=calendar, stride=24
    )
    np.testing.assert_array_equal(origins, [48, 72, 96])  # every midnight after two days
    np.testing.assert_array_equal(x_past[0, :, 0], hours[:48])
    np.testing.assert_array_equal(x_future[:, :, 0], np.tile(np.arange(24), (3, 1)))
    np.testing.assert_array_equal(y[-1], hours[96:120])
    assert x_past.shape == (3, 48, 1) and x_future.shape == (3, 24, 1)
    gap = hours.copy()
    gap[30] = np.nan  # in the past of the origins 48 and 72: both windows are dropped
    *_, origins = tu.make_covariate_windows(gap, window_size=48, horizon=24, stride=24)
    np.testing.assert_array_equal(origins, [96])
    gap = hours.copy()
    gap[100] = np.nan  # in the target of origin 96 only
    *_, origins = tu.make_covariate_windows(gap, window_size=48, horizon=24, stride=24)
    np.testing.assert_array_equal(origins, [48, 72])


def test_covariate_windows_without_covariates_agree_with_make_windows():
    values = np.arange(30.0)
    x_past, x_future, y, _ = tu.make_covariate_windows(values, window_size=5, horizon=3)
    x, y_expected = tu.make_windows(values, window_size=5, horizon=3)
    np.testing.assert_array_equal(x_past, x)
    np.testing.assert_array_equal(y, y_expected)
    assert x_future.shape == (len(x), 3, 0)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"target": np.arange(50.0), "window_size": 48, "horizon": 3},
            ValueError,
            "window_size=48 with horizon=3 needs at least 51 values, got 50",
        ),
        ({"target": np.arange(9.0), "window_size": 0, "horizon": 1}, ValueError, "at least 1"),
        ({"target": np.arange(9.0), "window_size": 2, "horizon": 0}, ValueError, "horizon must"),
        (
            {"target": np.arange(9.0), "window_size": 2.5, "horizon": 1},
            TypeError,
            "window_size must be an integer",
        ),
        (
            {"target": np.arange(9.0), "window_size": 2, "horizon": 1, "stride": 0},
            ValueError,
            "stride must be at least 1",
        ),
        ({"target": np.zeros((9, 2)), "window_size": 2, "horizon": 1}, ValueError, "1-D"),
        ({"target": [], "window_size": 1, "horizon": 1}, ValueError, "target is empty"),
        ({"target": ["a", "b"], "window_size": 1, "horizon": 1}, TypeError, "must hold numbers"),
        (
            {"target": [1.0, np.inf, 3.0], "window_size": 1, "horizon": 1},
            ValueError,
            "target contains infinite values; only NaN may mark a gap",
        ),
        (
            {"target": np.arange(9.0), "window_size": 2, "horizon": 1, "past_covariates": [1.0]},
            ValueError,
            r"past_covariates must have one row per time step of target \(9\), got 1",
        ),
        (
            {
                "target": np.arange(3.0),
                "window_size": 1,
                "horizon": 1,
                "future_covariates": np.zeros((3, 1, 1)),
            },
            ValueError,
            "future_covariates must be 1-D",
        ),
        (
            {
                "target": np.arange(3.0),
                "window_size": 1,
                "horizon": 1,
                "future_covariates": np.array(["a", "b", "c"]),
            },
            TypeError,
            "future_covariates must hold numbers",
        ),
        (
            {
                "target": np.arange(3.0),
                "window_size": 1,
                "horizon": 1,
                "past_covariates": [0.0, -np.inf, 1.0],
            },
            ValueError,
            "past_covariates contains infinite values",
        ),
    ],
)
def test_covariate_windows_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.make_covariate_windows(**kwargs)
