import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import tutorial_utils as tu


def test_transform_by_hand():
    values = np.array([1.0, 2.0, 4.0, 4.0, 7.0, 9.0])  # differences over 2: 3, 2, 3, 5
    differencer = tu.SeasonalDifferencer(season_length=2).fit(values)
    assert differencer.mean_ == 3.25 and differencer.std_ == pytest.approx(np.std([3, 2, 3, 5]))
    np.testing.assert_allclose(
        differencer.transform(values), (np.array([3, 2, 3, 5]) - 3.25) / differencer.std_
    )


def test_log_differences_are_growth_rates():
    values = 100 * 1.1 ** np.arange(24) * np.tile([1.0, 1.5, 0.8], 8)
    differencer = tu.SeasonalDifferencer(season_length=3, log=True).fit(values)
    assert differencer.mean_ == pytest.approx(3 * np.log(1.1))
    differences = differencer.transform(values) * differencer.std_ + differencer.mean_
    np.testing.assert_allclose(differences, 3 * np.log(1.1))  # the same growth every season


@given(
    values=arrays(np.float64, st.integers(10, 40), elements=st.floats(1.0, 1000.0)),
    season_length=st.integers(1, 4),
    log=st.booleans(),
)
def test_inverse_transform_rebuilds_the_values_that_follow(values, season_length, log):
    split = len(values) // 2
    differencer = tu.SeasonalDifferencer(season_length, log=log).fit(values[:split])
    scaled = differencer.transform(values)[split - season_length :]
    rebuilt = differencer.inverse_transform(scaled, history=values[:split])
    np.testing.assert_allclose(rebuilt, values[split:], rtol=1e-9)
    # One step at a time, from the actual values one season before: the same values.
    one_step = differencer.undifference(scaled, values[split - season_length : -season_length])
    np.testing.assert_allclose(one_step, values[split:], rtol=1e-9)


def test_inverse_transform_feeds_back_its_own_values():
    differencer = tu.SeasonalDifferencer(season_length=2).fit([0.0, 0.0, 1.0, 1.0])
    # mean 1, std 1 -> the scaled difference 0 adds 1 per season, from the last season on.
    np.testing.assert_allclose(
        differencer.inverse_transform(np.zeros(5), history=[5.0, 10.0, 20.0]),
        [11.0, 21.0, 12.0, 22.0, 13.0],
    )


def test_errors():
    with pytest.raises(ValueError, match="not fitted yet; call .fit"):
        tu.SeasonalDifferencer().transform(np.ones(20))
    with pytest.raises(ValueError, match="more than season_length=12 values .* got 12"):
        tu.SeasonalDifferencer().fit(np.ones(12))
    with pytest.raises(ValueError, match="log=True needs positive values.*minimum of -1"):
        tu.SeasonalDifferencer(season_length=1, log=True).fit([1.0, -1.0, 2.0])
    differencer = tu.SeasonalDifferencer(season_length=2).fit(np.arange(6.0))
    with pytest.raises(ValueError, match="history needs at least season_length=2 values, got 1"):
        differencer.inverse_transform([0.0], history=[1.0])
    with pytest.raises(ValueError, match=r"same shape, got \(2,\) and \(3,\)"):
        differencer.undifference([0.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="season_length must be at least 1"):
        tu.SeasonalDifferencer(season_length=0)
    with pytest.raises(TypeError, match="log must be True or False"):
        tu.SeasonalDifferencer(log="yes")
