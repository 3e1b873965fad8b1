import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# Notebook 06: bike-share demand with weather and holidays


def _scale(values, season_length):
    changes = np.abs(values[season_length:] - values[:-season_length])
    return np.nanmean(changes)


def _scale_loop(values, season_length):
    kept = [
        abs(values[t] - values[t - season_length])
        for t in range(season_length, len(values))
        if not (np.isnan(values[t]) or np.isnan(values[t - season_length]))
    ]
    return sum(kept) / len(kept)


def test_check_mase_scale_accepts_nanmean_and_a_loop(capsys):
    tu.checks.check_mase_scale_with_gaps(_scale)
    tu.checks.check_mase_scale_with_gaps(_scale_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda v, m: _scale(np.nan_to_num(v), m), "you filled the gaps with 0"),
        (
            lambda v, m: np.nansum(np.abs(v[m:] - v[:-m])) / (len(v) - m),
            "you divided by every pair",
        ),
        (lambda v, m: _scale(v[~np.isnan(v)], m), "you dropped the NaN before pairing"),
        (lambda v, m: _scale(v, 1), "you compared each value with the one before"),
        (lambda v, m: _scale(v, m) + 1, "values differ by up to"),
        (12.5, "expected a function, got float"),
    ],
)
def test_check_mase_scale_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_mase_scale_with_gaps(function)
    assert str(error.value).startswith("Exercise 1, the MASE scale with gaps: not yet.")


def _origins(values, window_size, horizon):
    candidates = range(window_size, len(values) - horizon + 1, horizon)
    return np.array(
        [t for t in candidates if not np.isnan(values[t - window_size : t + horizon]).any()]
    )


def _origins_vectorised(values, window_size, horizon):
    gaps = np.concatenate([[0], np.cumsum(np.isnan(values))])
    candidates = np.arange(window_size, len(values) - horizon + 1, horizon)
    return candidates[gaps[candidates + horizon] == gaps[candidates - window_size]]


def test_check_complete_origins_accepts_a_loop_and_cumulative_counts(capsys):
    tu.checks.check_complete_origins(_origins)
    tu.checks.check_complete_origins(_origins_vectorised)
    assert capsys.readouterr().out.count("Correct: Exercise 2") == 2


def _keep_if(keep):
    def origins(values, window_size, horizon):
        candidates = range(window_size, len(values) - horizon + 1, horizon)
        return np.array([t for t in candidates if keep(values, t, window_size, horizon)])

    return origins


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_keep_if(lambda v, t, w, h: not np.isnan(v[t : t + h]).any()), "only the day to forecast"),
        (_keep_if(lambda v, t, w, h: not np.isnan(v[t - w : t]).any()), "only the past window"),
        (_keep_if(lambda v, t, w, h: True), "you kept every origin"),
        (lambda v, w, h: _origins(v, w, h)[1:], "your function's output has shape"),
    ],
)
def test_check_complete_origins_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_complete_origins(function)
    assert str(error.value).startswith("Exercise 2, the origins that survive the gaps: not yet.")


def _lags(x_past, horizon):
    steps = np.arange(horizon)
    return np.stack([x_past[:, -24 + steps, 0], x_past[:, steps, 0]], axis=-1)


def _lags_loop(x_past, horizon):
    result = np.zeros((len(x_past), horizon, 2))
    for i, window in enumerate(x_past):
        for h in range(horizon):
            result[i, h] = window[168 - 24 + h, 0], window[h, 0]
    return result


def test_check_lag_features_accepts_indexing_and_a_loop(capsys):
    tu.checks.check_lag_features(_lags)
    tu.checks.check_lag_features(_lags_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda x, h: _lags(x, h)[:, :, ::-1], "your two lags are swapped"),
        (
            lambda x, h: np.stack([x[:, -h:, 0], x[:, -168 + 24 - h : -168 + 24, 0]], axis=-1),
            "you took the last hours of each window",
        ),
        (
            lambda x, h: np.stack([x[:, :h, 0], x[:, :h, 0]], axis=-1),
            "both your lags come from the start of the window",
        ),
        (lambda x, h: _lags(x, h)[:, :, 0], "your function's output has shape"),
        (lambda x, h: _lags(x, h) * 2, "values differ by up to"),
    ],
)
def test_check_lag_features_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_lag_features(function)
    assert str(error.value).startswith("Exercise 3, the lags of each forecast hour: not yet.")
