import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _inputs(rng):
    return (rng.normal(size=(3, 4)),)


def test_right_function_is_correct(capsys):
    assert tu.checks.check_function(
        "sigmoid", lambda x: 0.5 * (1 + np.tanh(x / 2)), _sigmoid, _inputs, "hint"
    )
    assert capsys.readouterr().out.startswith("Correct: sigmoid.")


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda x: _sigmoid(x)[:, :3], r"shape \(3, 3\), expected \(3, 4\)"),
        (lambda x: _sigmoid(x) + 0.01, "values differ by up to 0.01"),
        (lambda x: np.tanh(x), "values differ by up to"),
        (lambda x: x / 0, "NaN or infinite"),
        (lambda x: "text", "is a str, not numbers"),
        (lambda x: undefined_name, "raised NameError"),  # noqa: F821
        (42, "expected a function, got int"),
    ],
)
def test_wrong_function_says_what_is_wrong(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        with np.errstate(divide="ignore", invalid="ignore"):
            tu.checks.check_function("sigmoid", function, _sigmoid, _inputs, "squash with exp")
    assert "Hint: squash with exp" in str(error.value)


def test_unanswered_stub_is_not_hidden():
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        tu.checks.check_function("sigmoid", stub, _sigmoid, _inputs, "hint")


def test_compare_arrays():
    tu.checks.compare_arrays("e", [1.0, 2.0], np.array([1.0, 2.0]), "h")
    with pytest.raises(CheckFailed, match=r"has shape \(1,\), expected \(2,\)"):
        tu.checks.compare_arrays("e", [1.0], [1.0, 2.0], "h")
