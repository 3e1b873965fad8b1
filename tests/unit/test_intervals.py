import keras
import numpy as np
import pytest

import tutorial_utils as tu

Y = np.array([10.0, 20.0, 30.0, 40.0])
LOWER = np.array([8.0, 21.0, 25.0, 30.0])
UPPER = np.array([12.0, 25.0, 30.0, 35.0])
# Inside: 10 in [8, 12], 30 on the upper bound; outside: 20 is 1 below, 40 is 5 above.


def test_coverage_and_width_by_hand():
    assert tu.coverage(Y, LOWER, UPPER) == pytest.approx(0.5)
    assert tu.mean_width(LOWER, UPPER) == pytest.approx((4 + 4 + 5 + 5) / 4)
    # A 2-D array is flattened, like the point metrics.
    assert tu.coverage(Y.reshape(2, 2), LOWER.reshape(2, 2), UPPER.reshape(2, 2)) == 0.5


def test_interval_score_by_hand():
    # coverage 0.8: alpha = 0.2, a miss costs 2 / 0.2 = 10 times its distance.
    expected = np.mean([4, 4 + 10 * 1, 5, 5 + 10 * 5])
    assert tu.interval_score(Y, LOWER, UPPER, coverage=0.8) == pytest.approx(expected)
    # With every value inside, the score is the mean width.
    assert tu.interval_score(Y, Y - 1, Y + 2, coverage=0.95) == pytest.approx(3.0)


def test_pinball_loss_by_hand():
    y_true = np.array([1.0, 2.0, 3.0])
    y_pred = np.array([2.0, 2.0, 1.0])  # errors y - pred: -1, 0, 2
    assert tu.pinball_loss(y_true, y_pred, 0.9) == pytest.approx((0.1 * 1 + 0 + 0.9 * 2) / 3)
    assert tu.pinball_loss(y_true, y_pred, 0.5) == pytest.approx(tu.mae(y_true, y_pred) / 2)


def test_pinball_loss_is_minimised_by_the_quantile():
    sample = np.random.default_rng(0).normal(size=2001)
    candidates = np.linspace(0.5, 2.0, 301)
    losses = [tu.pinball_loss(sample, np.full(sample.size, c), 0.9) for c in candidates]
    assert candidates[int(np.argmin(losses))] == pytest.approx(np.quantile(sample, 0.9), abs=0.01)


def test_conformal_rank_and_quantile_by_hand():
    # 9 errors at 80 %: rank ceil(10 * 0.8) = 8, the 8th smallest absolute error.
    assert tu.conformal_rank(9, 0.8) == 8
    assert tu.conformal_rank(19, 0.95) == 19  # (19 + 1) * 0.95 is 19 up to rounding
    assert tu.conformal_rank(3, 0.8) == 4  # more than 3: too few errors
    errors = np.array([-9.0, 1.0, -2.0, 3.0, 4.0, -5.0, 6.0, 7.0, 8.0])
    assert tu.conformal_quantile(errors, 0.8) == 8.0
    assert tu.conformal_quantile(errors, 0.5) == 5.0  # rank ceil(10 * 0.5) = 5


def test_conformal_quantile_per_step_skips_nan():
    errors = np.array(
        [
            [1.0, 10.0],
            [2.0, -20.0],
            [-3.0, 30.0],
            [4.0, np.nan],  # the last origin does not reach step 2
        ]
    )
    # 80 %: step 1 has 4 errors, rank ceil(5 * 0.8) = 4 -> 4; step 2 has 3, too few.
    np.testing.assert_array_equal(tu.conformal_quantile(errors[:, :1], 0.8), [4.0])
    # 50 %: step 1 takes rank ceil(5 * 0.5) = 3 of 4 -> 3; step 2 rank ceil(4 * 0.5) = 2 -> 20.
    np.testing.assert_array_equal(tu.conformal_quantile(errors, 0.5), [3.0, 20.0])
    with pytest.raises(ValueError, match="at least 4 calibration errors at horizon step 2, got 3"):
        tu.conformal_quantile(errors, 0.8)


def test_conformal_coverage_holds_on_exchangeable_errors():
    # The guarantee: over many draws, forecast +- q holds a new error at least 80 % of the
    # time, and (with continuous errors) at most 80 % + 1 / (n + 1).
    rng = np.random.default_rng(1)
    calibration = rng.standard_t(df=3, size=(4000, 9))
    new = rng.standard_t(df=3, size=4000)
    half_widths = np.array([tu.conformal_quantile(row, 0.8) for row in calibration])
    held = np.mean(np.abs(new) <= half_widths)
    assert 0.8 - 0.015 < held < 0.8 + 0.1 + 0.015


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: tu.coverage(Y, LOWER, UPPER[:3]), ValueError, "same number of values, got 4"),
        (lambda: tu.coverage(Y, UPPER, LOWER), ValueError, "lower must not exceed upper"),
        (lambda: tu.mean_width(UPPER, LOWER), ValueError, "at index 0 lower=12 > upper=8"),
        (lambda: tu.mean_width(LOWER, UPPER[:2]), ValueError, "got 4 and 2"),
        (lambda: tu.coverage([np.nan], [0.0], [1.0]), ValueError, "y_true contains NaN"),
        (lambda: tu.interval_score(Y, LOWER, UPPER, 1.0), ValueError, r"coverage must be in \(0"),
        (lambda: tu.interval_score(Y, LOWER, UPPER, 80), ValueError, r"coverage must be in \(0"),
        (lambda: tu.interval_score(Y, LOWER, UPPER, "80%"), TypeError, "between 0 and 1"),
        (lambda: tu.pinball_loss(Y, Y, 0.0), ValueError, r"quantile must be in \(0, 1\)"),
        (lambda: tu.pinball_loss(Y, Y[:2], 0.5), ValueError, "got 4 and 2"),
        (lambda: tu.conformal_quantile([1.0, 2.0], 0.95), ValueError, "at least 19 calibration"),
        (lambda: tu.conformal_quantile(np.ones((2, 2, 2)), 0.5), ValueError, "got shape"),
        (lambda: tu.conformal_quantile([1.0, np.inf], 0.5), ValueError, "infinite"),
        (lambda: tu.conformal_quantile(["a"], 0.5), TypeError, "must hold numbers"),
        (lambda: tu.conformal_quantile([1.0], 1.5), ValueError, r"coverage must be in \(0"),
        (lambda: tu.keras_pinball_loss([]), ValueError, "quantiles is empty"),
        (lambda: tu.keras_pinball_loss([0.5, 1.2]), ValueError, r"quantile must be in"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_keras_pinball_loss_matches_numpy():
    levels = (0.1, 0.5, 0.9)
    rng = np.random.default_rng(2)
    y_true = rng.normal(size=(5, 3)).astype("float32")
    y_pred = rng.normal(size=(5, 3, 3)).astype("float32")
    per_sample = keras.ops.convert_to_numpy(tu.keras_pinball_loss(levels)(y_true, y_pred))
    assert per_sample.shape == (5,)
    expected = np.mean(
        [tu.pinball_loss(y_true, y_pred[..., k], level) for k, level in enumerate(levels)]
    )
    assert per_sample.mean() == pytest.approx(expected, rel=1e-5)


def test_keras_pinball_loss_trains_the_quantiles():
    # A network with a constant input learns the 10 % and 90 % quantiles of its targets.
    keras.utils.set_random_seed(0)
    targets = np.random.default_rng(3).normal(5.0, 2.0, size=(2000, 1)).astype("float32")
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(2)])
    model.add(keras.layers.Reshape((1, 2)))
    model.compile(optimizer=keras.optimizers.Adam(0.1), loss=tu.keras_pinball_loss((0.1, 0.9)))
    model.fit(np.ones((2000, 1)), targets, epochs=40, batch_size=200, verbose=0)
    low, high = model.predict(np.ones((1, 1)), verbose=0)[0, 0]
    assert low == pytest.approx(np.quantile(targets, 0.1), abs=0.2)
    assert high == pytest.approx(np.quantile(targets, 0.9), abs=0.2)
