import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import tutorial_utils as tu

finite = st.floats(-1e6, 1e6)


@given(
    train=arrays(np.float64, st.integers(2, 60), elements=finite),
    test=arrays(np.float64, st.integers(1, 30), elements=finite),
)
def test_train_maps_inside_range_and_scaler_never_sees_test(train, test):
    scaler, train_scaled, test_scaled = tu.scale_splits(train, test)
    assert train_scaled.shape == train.shape and test_scaled.shape == test.shape
    assert train_scaled.min() >= -1 - 1e-9 and train_scaled.max() <= 1 + 1e-9
    assert scaler.data_min_[0] == train.min() and scaler.data_max_[0] == train.max()
    other_scaler, _, _ = tu.scale_splits(train, test * 1000 + 5)
    np.testing.assert_array_equal(other_scaler.data_min_, scaler.data_min_)
    np.testing.assert_array_equal(other_scaler.data_max_, scaler.data_max_)


def test_round_trip_keeps_shapes():
    train = np.linspace(100, 300, 50)
    scaler, train_scaled, test_scaled = tu.scale_splits(train, np.array([350.0, 400.0]))
    assert test_scaled.max() > 1  # test values above the training range leave (-1, 1)
    np.testing.assert_allclose(tu.inverse_scale(scaler, train_scaled), train)
    forecasts = np.array([[-1.0, 0.0, 1.0], [0.5, 0.5, 0.5]])
    unscaled = tu.inverse_scale(scaler, forecasts)
    assert unscaled.shape == (2, 3)
    np.testing.assert_allclose(unscaled[0], [100, 200, 300])


def test_two_features_and_custom_range():
    train = np.column_stack([np.arange(10.0), np.arange(10.0) * 10])
    scaler, train_scaled = tu.scale_splits(train, feature_range=(0, 1))
    np.testing.assert_allclose(train_scaled[:, 0], train_scaled[:, 1])
    np.testing.assert_allclose(tu.inverse_scale(scaler, train_scaled), train)
    with pytest.raises(ValueError, match="2 features"):
        tu.inverse_scale(scaler, np.zeros((3, 3)))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (([1.0, np.nan],), {}, ValueError, "train contains NaN"),
        (([1.0, 2.0], [np.inf]), {}, ValueError, r"others\[0\] contains NaN"),
        ((np.zeros((3, 2)), np.zeros((3, 1))), {}, ValueError, "same columns"),
        (([1.0, 2.0],), {"feature_range": (1, -1)}, ValueError, "low < high"),
        ((["x", "y"],), {}, TypeError, "must hold numbers"),
    ],
)
def test_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.scale_splits(*args, **kwargs)


def test_inverse_needs_a_fitted_scaler():
    with pytest.raises(TypeError, match="fitted MinMaxScaler"):
        tu.inverse_scale(object(), [0.0])
