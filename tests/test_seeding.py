import keras
import numpy as np
import pytest

import tutorial_utils as tu


def _weights(seed):
    tu.setup(seed)
    layer = keras.layers.LSTM(4)
    layer.build((None, 3, 2))
    return [w.copy() for w in layer.get_weights()], np.random.random(3)  # noqa: NPY002 (setup seeds the global one)


def test_same_seed_same_weights_and_draws():
    first, draws = _weights(7)
    second, draws_again = _weights(7)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(draws, draws_again)
    other, _ = _weights(8)
    assert not np.array_equal(first[0], other[0])


def test_reports_versions():
    versions = tu.setup()
    assert versions["keras"] == keras.__version__
    assert versions["backend"] == "tensorflow"
    assert {"python", "numpy", "pandas", "scikit-learn", "statsmodels", "tensorflow"} <= set(
        versions
    )


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_bad_seed(seed, error):
    with pytest.raises(error, match="seed must be"):
        tu.setup(seed)
