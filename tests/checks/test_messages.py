"""Every exercise check answers the typical non-answers in one line a learner can act on.

For each check: a function that returns ``None`` or text, an unanswered stub, and a value left at
``None`` or given as text each get their own message, and a notebook shows it without a
traceback (``_render_traceback_``), with no line of the check's code.
"""

import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# The checks that take the learner's function.
FUNCTION_CHECKS = [
    "check_factor_to_keep",
    "check_gradient_norms_by_hand",
    "check_clip_by_norm",
    "check_steps_below",
    "check_stacked_param_count",
    "check_lstm_cell_step",
    "check_windows_with_stride",
    "check_split_with_gap",
    "check_sine_lstm_param_count",
    "check_recursive_forecast",
    "check_direct_linear_forecast",
    "check_seasonal_naive",
    "check_seasonal_naive_with_drift",
    "check_mase",
    "check_mase_scale_with_gaps",
    "check_complete_origins",
    "check_lag_features",
    "check_interval_score",
    "check_pinball_loss",
    "check_conformal_half_width",
    "check_mase_scale_with_gaps",
    "check_complete_origins",
    "check_lag_features",
]
# The checks that take values, with right values for the arguments that are not under test.
VALUE_CHECKS = {
    "check_input_scale": (),
    "check_gap_test_samples": (),
    "check_saturation_by_range": (),
    "check_short_window_rmse": (),
    "check_horizon_prediction": ((5, 3, 1), [40, 50, 60]),
    "check_additive_baselines": (4.18,),
    "check_replacing_write": (np.zeros((1, 4)), np.zeros(4)),
    "check_counting_unit": (np.zeros((2, 8)), np.zeros(8)),
}


def test_every_exercise_check_is_listed_here():
    exported = {name for name in tu.checks.__all__ if name.startswith("check_")}
    generic = {"check_function", "check_value"}
    listed = set(FUNCTION_CHECKS) | set(VALUE_CHECKS) | {"check_stride_argument"}
    assert exported - generic == listed


def _stub(*arguments):
    raise NotImplementedError()


def _failure(check, *arguments):
    with pytest.raises(CheckFailed) as error:
        with np.errstate(all="ignore"):
            getattr(tu.checks, check)(*arguments)
    return error.value


def _assert_one_line_without_code(failure):
    problem, hint = failure._render_traceback_()
    assert "\n" not in problem and "\n" not in hint and hint.startswith("Hint: ")
    assert "not yet." in problem and "Traceback" not in problem + hint
    assert "tu.checks" not in problem and "(notebook 0" in hint  # points to a section


@pytest.mark.parametrize("check", FUNCTION_CHECKS)
@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda *arguments: None, "your function returned None: did you forget `return`?"),
        (lambda *arguments: "15", "your function returned text ('15'), not a number"),
        (_stub, "your function still raises NotImplementedError: write your code where it says"),
        (None, "expected a function, got None: pass your function itself"),
    ],
    ids=["returns None", "returns text", "stub", "None instead of a function"],
)
def test_function_checks_name_the_non_answer(check, function, message):
    failure = _failure(check, function)
    assert message in failure.problem
    _assert_one_line_without_code(failure)


@pytest.mark.parametrize("check", sorted(VALUE_CHECKS))
@pytest.mark.parametrize(
    ("answer", "message"),
    [(None, "is None: set it to your answer"), ("15", "is text ('15'), not a number")],
    ids=["None", "text"],
)
def test_value_checks_name_the_non_answer(check, answer, message):
    failure = _failure(check, answer, *VALUE_CHECKS[check])
    assert message in failure.problem
    _assert_one_line_without_code(failure)


def test_the_stride_argument_check_names_none():
    failure = _failure("check_stride_argument", None)
    assert "your answer is None: set it to the argument's name, a string." in failure.problem
    _assert_one_line_without_code(failure)


def test_a_failed_check_fails_an_ipython_cell_with_two_lines():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["tu"] = tu
    result = shell.run_cell("tu.checks.check_gap_test_samples(None)", store_history=False)
    assert isinstance(result.error_in_exec, CheckFailed)  # the cell fails, for nbval and nbgrader
    lines = result.error_in_exec._render_traceback_()
    assert len(lines) == 2 and "check_gap_test_samples" not in "".join(lines)
