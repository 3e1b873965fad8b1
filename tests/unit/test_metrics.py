import numpy as np
import pytest

import tutorial_utils as tu


def test_values_by_hand():
    y_true = np.array([100.0, 200.0, 400.0])
    y_pred = np.array([110.0, 180.0, 400.0])
    assert tu.rmse(y_true, y_pred) == pytest.approx(np.sqrt((100 + 400) / 3))
    assert tu.mae(y_true, y_pred) == pytest.approx(10.0)
    assert tu.mape(y_true, y_pred) == pytest.approx((10 + 10 + 0) / 3)


def test_mase_scales_by_seasonal_naive_in_sample():
    y_train = np.array([1.0, 2.0, 3.0, 5.0, 6.0, 7.0])  # lag-3 differences are all 4
    assert tu.mase([10.0], [12.0], y_train, season_length=3) == pytest.approx(0.5)
    # MASE of the naive forecast over the training part itself is exactly 1.
    assert tu.mase(y_train[1:], y_train[:-1], y_train) == pytest.approx(1.0)


def test_evaluate_forecast_row():
    series = tu.load_airline().to_numpy()
    train, test = series[:108], series[108:]
    seasonal_naive = np.tile(train[-12:], 3)
    row = tu.evaluate_forecast(test, seasonal_naive, train, season_length=12, name="seasonal naive")
    assert list(row.columns) == ["rmse", "mae", "mape", "mase"]
    assert row.index.tolist() == ["seasonal naive"]
    # The published figure for this protocol (see data/README.md): 13.19 %.
    assert row.loc["seasonal naive", "mape"] == pytest.approx(13.19, abs=0.01)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: tu.rmse([1.0, 2.0], [1.0]), "same number of values, got 2 and 1"),
        (lambda: tu.mae([1.0, np.nan], [1.0, 2.0]), "y_true contains NaN"),
        (lambda: tu.mape([0.0, 2.0], [1.0, 2.0]), "undefined when an actual value is 0"),
        (
            lambda: tu.mase([1.0], [1.0], [1.0, 2.0], season_length=2),
            "more than season_length=2 values",
        ),
        (lambda: tu.mase([1.0], [1.0], [3.0, 3.0, 3.0]), "scale is 0"),
        (lambda: tu.mae([], []), "empty"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_season_length_must_be_an_integer():
    with pytest.raises(TypeError, match="season_length must be an integer"):
        tu.mase([1.0], [1.0], [1.0, 2.0, 3.0], season_length=1.5)
