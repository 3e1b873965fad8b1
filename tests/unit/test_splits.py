import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tutorial_utils as tu


def test_default_is_80_20_in_order():
    train, test = tu.chronological_split(np.arange(1000))
    assert len(train) == 800 and len(test) == 200
    np.testing.assert_array_equal(np.concatenate([train, test]), np.arange(1000))


def test_three_parts_keep_pandas_types():
    series = tu.load_airline()
    train, val, test = tu.chronological_split(series, train_fraction=0.75, val_fraction=0.0834)
    assert isinstance(val, pd.Series)
    assert (len(train), len(val), len(test)) == (108, 12, 24)
    assert train.index[-1] < val.index[0] and val.index[-1] < test.index[0]
    pd.testing.assert_series_equal(pd.concat([train, val, test]), series)


@given(
    num_steps=st.integers(3, 500),
    train_fraction=st.floats(0.05, 0.9),
    val_fraction=st.floats(0.0, 0.5),
)
def test_parts_are_contiguous_and_nothing_is_lost(num_steps, train_fraction, val_fraction):
    # The sizes the docstring promises, computed first: only valid splits are drawn.
    num_train, num_val = int(num_steps * train_fraction), int(num_steps * val_fraction)
    num_test = num_steps - num_train - num_val
    assume(train_fraction + val_fraction < 1)
    assume(num_train >= 1 and num_test >= 1 and (val_fraction == 0 or num_val >= 1))
    values = np.arange(num_steps)
    parts = tu.chronological_split(values, train_fraction, val_fraction)
    np.testing.assert_array_equal(np.concatenate(parts), values)
    expected = (num_train, num_val, num_test) if val_fraction > 0 else (num_train, num_test)
    assert tuple(len(part) for part in parts) == expected


@given(
    num_steps=st.integers(1, 50),
    train_fraction=st.floats(0.05, 0.9),
    val_fraction=st.floats(0.01, 0.5),
)
def test_an_empty_part_is_refused(num_steps, train_fraction, val_fraction):
    num_train, num_val = int(num_steps * train_fraction), int(num_steps * val_fraction)
    assume(train_fraction + val_fraction < 1)
    assume(min(num_train, num_val, num_steps - num_train - num_val) < 1)
    with pytest.raises(ValueError, match="leave an empty"):
        tu.chronological_split(np.arange(num_steps), train_fraction, val_fraction)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"train_fraction": 0.0}, ValueError, r"train_fraction must be in \(0, 1\), got 0.0"),
        ({"train_fraction": 1.2}, ValueError, "train_fraction must be in"),
        ({"val_fraction": -0.1}, ValueError, r"val_fraction must be in \[0, 1\)"),
        ({"train_fraction": 0.7, "val_fraction": 0.3}, ValueError, "must be below 1"),
        ({"train_fraction": "0.8"}, TypeError, "train_fraction must be a number"),
    ],
)
def test_bad_fractions(kwargs, error, message):
    with pytest.raises(error, match=message):
        tu.chronological_split(np.arange(100), **kwargs)


def test_too_short_for_a_part():
    with pytest.raises(ValueError, match="leave an empty validation part"):
        tu.chronological_split(np.arange(4), train_fraction=0.8, val_fraction=0.15)
    with pytest.raises(ValueError, match="leave an empty train part"):
        tu.chronological_split(np.arange(1), train_fraction=0.5)
    with pytest.raises(ValueError, match="scalar"):
        tu.chronological_split(np.float64(3.0))
