"""Self-checks for the exercise notebooks: call one on your answer and it tells you how you did.

A check that takes a function runs it on fresh random inputs against the reference solution, so
it never prints the answer. A right answer prints ``Correct: ...``; a wrong one raises
:class:`CheckFailed` saying what is wrong (wrong shape, values off by how much) with a hint.
One module per teaching notebook; every check is available as ``tu.checks.check_<name>``.
"""

from .airline_forecaster import (
    check_additive_baselines,
    check_mase,
    check_seasonal_naive,
    check_seasonal_naive_with_drift,
)
from .core import CheckFailed, check_function, check_value, compare_arrays, correct
from .lstm_gates import (
    check_counting_unit,
    check_lstm_cell_step,
    check_replacing_write,
    check_stacked_param_count,
    check_steps_below,
)

__all__ = [
    "CheckFailed",
    "check_additive_baselines",
    "check_counting_unit",
    "check_function",
    "check_lstm_cell_step",
    "check_mase",
    "check_replacing_write",
    "check_seasonal_naive",
    "check_seasonal_naive_with_drift",
    "check_stacked_param_count",
    "check_steps_below",
    "check_value",
    "compare_arrays",
    "correct",
]
