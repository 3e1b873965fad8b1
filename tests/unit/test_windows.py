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
