import numpy as np
import pandas as pd
import pytest

import tutorial_utils as tu


def test_runs_each_seed_after_seeding(capsys):
    def experiment(seed):
        return {"draw": float(np.random.random()), "seed_times_two": 2.0 * seed}  # noqa: NPY002

    results = tu.run_over_seeds(experiment, seeds=[3, 4, 3])
    assert results.index.name == "seed" and list(results.columns) == ["draw", "seed_times_two"]
    assert results["draw"].iloc[0] == results["draw"].iloc[2]  # same seed, same draw
    assert results["draw"].iloc[0] != results["draw"].iloc[1]
    assert "seed 4 (2/3) done" in capsys.readouterr().out


def test_mean_sd():
    results = pd.DataFrame({"rmse": [1.0, 2.0, 3.0]}, index=pd.Index([0, 1, 2], name="seed"))
    summary = tu.mean_sd(results)
    assert summary.loc["rmse", "mean"] == 2.0 and summary.loc["rmse", "sd"] == 1.0
    assert summary.loc["rmse", "mean ± sd"] == "2 ± 1"
    single = tu.mean_sd(results.iloc[:1])
    assert single.loc["rmse", "sd"] == 0.0


def test_bad_input():
    with pytest.raises(TypeError, match="return a dict"):
        tu.run_over_seeds(lambda seed: 1.0, seeds=[0], progress=False)
    with pytest.raises(ValueError, match="seeds is empty"):
        tu.run_over_seeds(lambda seed: {}, seeds=[])
    with pytest.raises(TypeError, match="function of the seed"):
        tu.run_over_seeds(42)
    with pytest.raises(ValueError, match="non-empty DataFrame"):
        tu.mean_sd(pd.DataFrame())
