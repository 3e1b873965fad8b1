import inspect

import keras
import numpy as np
import pandas as pd
import pytest
import sklearn
import statsmodels
import tensorflow as tf

import tutorial_utils as tu


def _weights_and_draws(seed):
    tu.seed_everything(seed)
    layer = keras.layers.LSTM(4)
    layer.build((None, 3, 2))
    draws = np.random.random(3)  # noqa: NPY002 (seed_everything seeds the global generator)
    return [w.copy() for w in layer.get_weights()], draws


def test_same_seed_same_weights_and_draws():
    first, draws = _weights_and_draws(7)
    second, draws_again = _weights_and_draws(7)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(draws, draws_again)
    other, other_draws = _weights_and_draws(8)
    assert not np.array_equal(first[0], other[0])
    assert not np.array_equal(draws, other_draws)


def test_seed_everything_returns_nothing_and_defaults_to_0():
    assert tu.seed_everything() is None
    default, _ = _weights_and_draws(0)
    tu.seed_everything()
    layer = keras.layers.LSTM(4)
    layer.build((None, 3, 2))
    np.testing.assert_array_equal(layer.get_weights()[0], default[0])


def test_every_default_seed_in_the_package_is_0():
    defaults = {}
    for name in tu.__all__:
        item = getattr(tu, name)
        if callable(item):
            for parameter in inspect.signature(item).parameters.values():
                if parameter.name == "seed" and parameter.default is not inspect.Parameter.empty:
                    defaults[name] = parameter.default
    assert "seed_everything" in defaults and "LSTMForecaster" in defaults
    assert set(defaults.values()) == {0}, defaults


def test_library_versions():
    versions = tu.library_versions()
    assert versions["keras"] == keras.__version__
    assert versions["backend"] == "tensorflow" and versions["tensorflow"] == tf.__version__
    assert versions["numpy"] == np.__version__ and versions["pandas"] == pd.__version__
    assert versions["scikit-learn"] == sklearn.__version__
    assert versions["statsmodels"] == statsmodels.__version__
    assert set(versions) == {
        "python",
        "numpy",
        "pandas",
        "scikit-learn",
        "statsmodels",
        "keras",
        "backend",
        "tensorflow",
    }


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_bad_seed(seed, error):
    with pytest.raises(error, match="seed must be"):
        tu.seed_everything(seed)


def test_runs_each_seed_after_seeding(capsys):
    def experiment(seed):
        return {"draw": float(np.random.random()), "seed_times_two": 2.0 * seed}  # noqa: NPY002

    results = tu.run_over_seeds(experiment, seeds=[3, 4, 3])
    assert results.index.name == "seed" and list(results.columns) == ["draw", "seed_times_two"]
    assert results["draw"].iloc[0] == results["draw"].iloc[2]  # same seed, same draw
    assert results["draw"].iloc[0] != results["draw"].iloc[1]
    tu.seed_everything(4)
    assert results["draw"].iloc[1] == np.random.random()  # noqa: NPY002 (seeded as run_over_seeds does)
    assert "seed 4 (2/3) done" in capsys.readouterr().out


def test_mean_sd():
    results = pd.DataFrame({"rmse": [1.0, 2.0, 3.0]}, index=pd.Index([0, 1, 2], name="seed"))
    summary = tu.mean_sd(results)
    assert summary.loc["rmse", "mean"] == 2.0 and summary.loc["rmse", "sd"] == 1.0
    assert summary.loc["rmse", "mean ± sd"] == "2.0 ± 1.0"
    single = tu.mean_sd(results.iloc[:1])
    assert single.loc["rmse", "sd"] == 0.0
    assert single.loc["rmse", "mean ± sd"] == "1 ± 0"


@pytest.mark.parametrize(
    ("mean", "sd", "label"),
    [
        (0.009219, 0.0023, "0.0092 ± 0.0023"),  # same decimals for both, set by the sd
        (1.03, 0.0059, "1.0300 ± 0.0059"),
        (54.21, 26.0, "54 ± 26"),
        (1234.4, 123.0, "1234 ± 123"),  # no decimals, the sd keeps its digits
        (-0.5, 0.25, "-0.50 ± 0.25"),
    ],
)
def test_mean_sd_label_gives_mean_and_sd_the_same_decimals(mean, sd, label):
    # Three seeds at mean - sd, mean, mean + sd have exactly that mean and sample sd.
    results = pd.DataFrame({"metric": [mean - sd, mean, mean + sd]})
    summary = tu.mean_sd(results)
    np.testing.assert_allclose(
        summary.loc["metric", ["mean", "sd"]].to_numpy(float), [mean, sd], rtol=1e-12
    )
    assert summary.loc["metric", "mean ± sd"] == label


def test_bad_input():
    with pytest.raises(TypeError, match="return a dict"):
        tu.run_over_seeds(lambda seed: 1.0, seeds=[0], progress=False)
    with pytest.raises(ValueError, match="seeds is empty"):
        tu.run_over_seeds(lambda seed: {}, seeds=[])
    with pytest.raises(TypeError, match="function of the seed"):
        tu.run_over_seeds(42)
    with pytest.raises(ValueError, match="non-empty DataFrame"):
        tu.mean_sd(pd.DataFrame())
