import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# Notebook 05: the LSTM airline forecaster, judged honestly


def _seasonal_naive(values, horizon, season_length):
    return values[-season_length:][np.arange(horizon) % season_length]


def _seasonal_naive_loop(values, horizon, season_length):
    forecast = []
    for h in range(1, horizon + 1):
        seasons_ahead = -(-h // season_length)
        forecast.append(values[len(values) + h - 1 - seasons_ahead * season_length])
    return forecast


def test_check_seasonal_naive_accepts_indexing_and_a_loop(capsys):
    tu.checks.check_seasonal_naive(_seasonal_naive)
    tu.checks.check_seasonal_naive(_seasonal_naive_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda v, h, m: np.full(h, v[-1]), "you repeated the last value: that is the naive"),
        (lambda v, h, m: _seasonal_naive(v[:-1], h, m), "one month out of step"),
        (lambda v, h, m: np.roll(_seasonal_naive(v, h + 1, m), -1)[:h], "one month out of step"),
        (lambda v, h, m: _seasonal_naive(v[:-m], h, m), "you copied the season before last"),
        (lambda v, h, m: v[:m][np.arange(h) % m], "you copied the first season"),
        (lambda v, h, m: v[-m:], "your forecast holds whole seasons"),
        (lambda v, h, m: np.tile(v[-m:], h // m), "your forecast holds whole seasons"),
        (lambda v, h, m: np.tile(v[-m:], -(-h // m)), "your forecast holds whole seasons"),
        (lambda v, h, m: _seasonal_naive(v, h, m) + 1, "values differ by up to"),
        ("values[-12:]", "expected a function, got str"),
    ],
)
def test_check_seasonal_naive_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_seasonal_naive(function)
    assert str(error.value).startswith("Exercise 1, the seasonal naive forecast: not yet.")
    assert "Hint: step h ahead copies the same month of the last season seen" in str(error.value)


def _mean_seasonal_difference(values, m):
    return np.mean(values[m:] - values[:-m])


def _with_drift(values, horizon, season_length):
    seasons_ahead = np.ceil(np.arange(1, horizon + 1) / season_length)
    drift = seasons_ahead * _mean_seasonal_difference(values, season_length)
    return _seasonal_naive(values, horizon, season_length) + drift


def _with_drift_loop(values, horizon, season_length):
    values = list(values)
    mean_difference = _mean_seasonal_difference(np.array(values), season_length)
    forecast = []
    for h in range(1, horizon + 1):
        k = -(-h // season_length)
        forecast.append(values[len(values) + h - 1 - k * season_length] + k * mean_difference)
    return np.array(forecast)


def test_check_seasonal_naive_with_drift_accepts_two_answers(capsys):
    tu.checks.check_seasonal_naive_with_drift(_with_drift)
    tu.checks.check_seasonal_naive_with_drift(_with_drift_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 2") == 2


def _drift_variant(seasons_ahead, per_season):
    def forecast(values, horizon, m):
        steps = np.arange(1, horizon + 1)
        return _seasonal_naive(values, horizon, m) + seasons_ahead(steps, m) * per_season(values, m)

    return forecast


def _monthly(values, m):
    return (values[-1] - values[0]) / (len(values) - 1)


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_seasonal_naive, "you left out the drift"),
        (_drift_variant(lambda s, m: s / m, _mean_seasonal_difference), "h / season_length"),
        (
            _drift_variant(lambda s, m: (s - 1) // m, _mean_seasonal_difference),
            "your first season ahead has no drift",
        ),
        (_drift_variant(lambda s, m: s // m, _mean_seasonal_difference), "h // season_length"),
        (_drift_variant(lambda s, m: s, _monthly), "the mean change from one month to the next, h"),
        (
            _drift_variant(lambda s, m: np.ceil(s / m), _monthly),
            "your drift is the mean change from one month to the next",
        ),
        (
            _drift_variant(lambda s, m: np.ceil(s / m), lambda v, m: np.mean(np.diff(v, n=m))),
            r"np.diff\(values, n=season_length\) differences",
        ),
        (
            _drift_variant(
                lambda s, m: np.ceil(s / m), lambda v, m: _mean_seasonal_difference(v, m) / m
            ),
            "you divided the mean seasonal difference by the season length",
        ),
        (
            _drift_variant(lambda s, m: 2 * np.ceil(s / m), _mean_seasonal_difference),
            "values differ by up to",
        ),
        (None, "expected a function, got None: pass your function itself"),
    ],
)
def test_check_seasonal_naive_with_drift_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_seasonal_naive_with_drift(function)
    assert str(error.value).startswith("Exercise 2, seasonal naive with drift: not yet.")
    assert "Hint: add to the seasonal naive forecast one mean seasonal difference" in str(
        error.value
    )


def _on_values(function):
    """The function as a learner who first takes the values out of pandas Series writes it."""

    def on_values(actual, forecast, train, season_length):
        values = (np.asarray(x, dtype=float) for x in (actual, forecast, train))
        return function(*values, season_length)

    return on_values


@_on_values
def _mase(actual, forecast, train, season_length):
    scale = np.mean(np.abs(train[season_length:] - train[:-season_length]))
    return np.mean(np.abs(actual - forecast)) / scale


@_on_values
def _mase_loop(actual, forecast, train, season_length):
    errors = [abs(a - f) for a, f in zip(actual, forecast, strict=True)]
    naive_errors = [
        abs(train[t] - train[t - season_length]) for t in range(season_length, len(train))
    ]
    return (sum(errors) / len(errors)) / (sum(naive_errors) / len(naive_errors))


def test_check_mase_accepts_numpy_and_a_loop(capsys):
    tu.checks.check_mase(_mase)
    tu.checks.check_mase(_mase_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 2


def _mae(actual, forecast):
    return np.mean(np.abs(actual - forecast))


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda a, f, t, m: _mase(a, f, t, 1), "you scaled by the naive forecast's error"),
        (
            lambda a, f, t, m: _mae(a, f) / np.mean(np.abs(np.diff(t, n=m))),
            r"np.diff\(train, n=season_length\) differences",
        ),
        (lambda a, f, t, m: _mase(a, f, a, m), "you computed the scale on the test part"),
        (
            lambda a, f, t, m: np.mean((a - f) ** 2) / np.mean(np.abs(t[m:] - t[:-m])),
            "you squared the errors",
        ),
        (
            lambda a, f, t, m: np.mean((a - f) ** 2) / np.mean((t[m:] - t[:-m]) ** 2),
            "you squared the errors",
        ),
        (
            lambda a, f, t, m: np.sqrt(np.mean((a - f) ** 2) / np.mean((t[m:] - t[:-m]) ** 2)),
            r"that is the root mean squared scaled error \(RMSSE\)",
        ),
        (lambda a, f, t, m: _mae(a, f), "you returned the mean absolute error"),
        (lambda a, f, t, m: 1 / _mase(a, f, t, m), "your ratio is upside down"),
        (
            lambda a, f, t, m: _mae(a, f) / np.mean(t[m:] - t[:-m]),
            "your scale averages signed seasonal differences",
        ),
        (
            lambda a, f, t, m: np.mean(a - f) / np.mean(np.abs(t[m:] - t[:-m])),
            "you averaged signed errors",
        ),
        (
            lambda a, f, t, m: np.abs(np.mean(a - f)) / np.mean(np.abs(t[m:] - t[:-m])),
            "you averaged signed errors",
        ),
        (lambda a, f, t, m: 100 * _mase(a, f, t, m), "values differ by up to"),
        (
            lambda a, f, t, m: np.abs(a - f) / np.mean(np.abs(t[m:] - t[:-m])),
            r"has shape \(\d+,\), expected \(\)",
        ),
    ],
)
def test_check_mase_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_mase(_on_values(function))
    assert str(error.value).startswith("Exercise 3, MASE by hand: not yet.")
    assert "Hint: MASE divides the forecast's mean absolute error" in str(error.value)


def _mase_by_date(actual, forecast, train, season_length):
    """The notebook's formula on Series: the seasonal differences pair months by date."""
    return np.mean(np.abs(actual - forecast)) / np.mean(
        np.abs(train[season_length:] - train[:-season_length])
    )


def test_check_mase_tries_the_pandas_series_that_the_notebook_passes():
    with pytest.raises(CheckFailed, match="your MASE is infinite on pandas Series") as error:
        with np.errstate(divide="ignore"):
            tu.checks.check_mase(_mase_by_date)
    assert "pairs their values by date, not by position" in str(error.value)


def test_check_mase_says_in_one_line_that_the_stub_is_unanswered():
    def stub(actual, forecast, train, season_length):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_mase(stub)


@pytest.fixture(scope="module")
def airline_split():
    airline = tu.load_airline()
    train, test = airline[:"1957-12"], airline["1958-01":]
    return train, test, train[:"1955-12"], train["1956-01":]


def _fit(series, horizon, additive=True):
    if additive:
        return tu.holt_winters_forecast(series, horizon, seasonal="add"), tu.sarima_forecast(
            series, horizon, log=False
        )
    return tu.holt_winters_forecast(series, horizon), tu.sarima_forecast(series, horizon)


def test_check_additive_baselines_accepts_floats_and_arrays(capsys, airline_split):
    train, test, _, _ = airline_split
    holt_winters, sarima = _fit(train, 36)
    tu.checks.check_additive_baselines(tu.mape(test, holt_winters), tu.mape(test, sarima))
    by_hand = [100 * np.mean(np.abs(test - forecast) / test) for forecast in (holt_winters, sarima)]
    tu.checks.check_additive_baselines(*(np.array([value]) for value in by_hand))
    assert capsys.readouterr().out == (
        "Correct: Exercise 4, an additive season and SARIMA on raw values.\n" * 2
    )


def _wrong_pairs(airline_split):
    train, test, fit_part, validation = airline_split
    additive = [tu.mape(test, forecast) for forecast in _fit(train, 36)]
    usual = [tu.mape(test, forecast) for forecast in _fit(train, 36, additive=False)]
    return [
        (additive[::-1], "you swapped them"),
        (usual, "these are the notebook's multiplicative Holt-Winters and SARIMA on the log"),
        ([usual[0], additive[1]], "your Holt-Winters MAPE is the multiplicative one"),
        ([additive[0], usual[1]], "your SARIMA MAPE is the one on the log"),
        ([value / 100 for value in additive], "a MAPE is in percent here"),
        ([tu.rmse(test, forecast) for forecast in _fit(train, 36)], "these are RMSEs"),
        (
            [tu.mape(validation, forecast) for forecast in _fit(fit_part, 24)],
            "these are the validation scores",
        ),
        ([additive[0], additive[1] + 1], r"1 of the 2 entries of your pair of MAPEs are off"),
        ([additive[0], "about four"], r"your sarima_raw_mape is text \(.about four.\)"),
        ([np.nan, np.nan], "your pair of MAPEs contains NaN"),  # the notebook's placeholders
        (_fit(train, 36), r"your pair of MAPEs has shape \(2, 36\), expected \(2,\)"),
    ]


def test_check_additive_baselines_names_the_mistake(airline_split):
    train, test, _, _ = airline_split
    expected = [tu.mape(test, forecast) for forecast in _fit(train, 36)]
    # The expected MAPEs as a message could print them: to 1, 2 or 3 decimals, or 3 digits.
    shown = {f"{value:.{decimals}f}" for value in expected for decimals in (1, 2, 3)}
    shown |= {f"{value:.3g}" for value in expected}
    for answer, message in _wrong_pairs(airline_split):
        with pytest.raises(CheckFailed, match=message) as error:
            tu.checks.check_additive_baselines(*answer)
        text = str(error.value)
        assert text.startswith("Exercise 4, an additive season and SARIMA on raw values: not yet.")
        assert "Hint: fit each model on the training years alone" in text
        assert [number for number in shown if number in text] == [], "it shows the answer"
