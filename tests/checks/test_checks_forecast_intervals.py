import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# Notebook 07: prediction intervals with measured coverage


def _interval_score(y_true, lower, upper, coverage):
    alpha = 1 - coverage
    misses = np.maximum(lower - y_true, 0) + np.maximum(y_true - upper, 0)
    return np.mean(upper - lower + 2 / alpha * misses)


def _interval_score_loop(y_true, lower, upper, coverage):
    total = 0.0
    for y, low, high in zip(y_true, lower, upper, strict=True):
        total += high - low
        if y < low:
            total += 2 / (1 - coverage) * (low - y)
        elif y > high:
            total += 2 / (1 - coverage) * (y - high)
    return total / len(y_true)


def test_check_interval_score_accepts_two_answers(capsys):
    tu.checks.check_interval_score(_interval_score)
    tu.checks.check_interval_score(_interval_score_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 2


def _misses(y, low, high):
    return np.maximum(low - y, 0) + np.maximum(y - high, 0)


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda y, lo, hi, c: np.mean(hi - lo + _misses(y, lo, hi) / (1 - c)), "1 / alpha"),
        (lambda y, lo, hi, c: np.mean(hi - lo + 2 * (1 - c) * _misses(y, lo, hi)), "2 \\* alpha"),
        (lambda y, lo, hi, c: np.mean(2 / (1 - c) * _misses(y, lo, hi)), "left out the width"),
        (lambda y, lo, hi, c: np.mean(hi - lo), "mean width only"),
        (lambda y, lo, hi, c: np.sum(hi - lo + 2 / (1 - c) * _misses(y, lo, hi)), "summed"),
        (lambda y, lo, hi, c: _interval_score(y, lo, hi, c) + 1, "differ by up to"),
        (None, "expected a function, got None"),
    ],
)
def test_check_interval_score_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_interval_score(function)
    assert str(error.value).startswith("Exercise 1, the interval score: not yet.")


def _pinball(y_true, y_pred, quantile):
    error = y_true - y_pred
    return np.mean(np.where(error >= 0, quantile * error, (quantile - 1) * error))


def test_check_pinball_loss_accepts_a_right_answer(capsys):
    tu.checks.check_pinball_loss(_pinball)
    assert "Correct: Exercise 2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda y, p, q: _pinball(y, p, 1 - q), "swapped the two slopes"),
        (lambda y, p, q: np.mean(np.abs(y - p)), "mean absolute error"),
        (lambda y, p, q: np.mean(np.where(y >= p, q * (y - p), (q - 1) * (y - p)) ** 2), "squared"),
        (lambda y, p, q: len(y) * _pinball(y, p, q), "summed"),
        (lambda y, p, q: _pinball(y, p, q) * 1.1, "differ by up to"),
    ],
)
def test_check_pinball_loss_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message):
        tu.checks.check_pinball_loss(function)


def _half_width(errors, coverage):
    rank = int(np.ceil((len(errors) + 1) * coverage - 1e-9))
    return np.sort(np.abs(errors), axis=0)[rank - 1]


def _half_width_loop(errors, coverage):
    widths = []
    for column in np.asarray(errors).T:
        ordered = sorted(abs(value) for value in column)
        rank = -(-(len(column) + 1) * round(coverage * 100) // 100)  # integer ceil
        widths.append(ordered[rank - 1])
    return np.array(widths)


def test_check_conformal_half_width_accepts_two_answers(capsys):
    tu.checks.check_conformal_half_width(_half_width)
    tu.checks.check_conformal_half_width(_half_width_loop)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 2


def _at_rank(rank, absolute=True):
    def half_width(errors, coverage):
        values = np.sort(np.abs(errors) if absolute else errors, axis=0)
        return values[min(rank(len(errors), coverage), len(errors)) - 1]

    return half_width


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_at_rank(lambda n, c: int(np.ceil(n * c - 1e-9))), "ceil\\(n \\* coverage\\)"),
        (lambda e, c: np.quantile(np.abs(e), c, axis=0), "np.quantile"),
        (_at_rank(lambda n, c: int(np.ceil((n + 1) * c - 1e-9)), absolute=False), "signed"),
        (_at_rank(lambda n, c: int(np.ceil((n + 1) * c - 1e-9)) + 1), "one too high"),
        (lambda e, c: _half_width(e, c)[:1], "shape"),
    ],
)
def test_check_conformal_half_width_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message):
        tu.checks.check_conformal_half_width(function)
