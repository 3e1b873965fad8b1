"""The core of the self-checks: compare an answer with the reference and say what is wrong.

A check that takes a function runs it on fresh random inputs against the reference solution, so
it never prints the answer. A right answer prints ``Correct: ...``; a wrong one raises
:class:`CheckFailed` saying what is wrong (wrong shape, values off by how much) with a hint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


class CheckFailed(AssertionError):
    """Raised by a self-check when the answer is not right yet; the message says why."""


def _fail(exercise: str, problem: str, hint: str) -> None:
    raise CheckFailed(f"{exercise}: not yet. {problem}\nHint: {hint}")


def correct(exercise: str, detail: str = "") -> None:
    """Print the success message of a check."""
    print(f"Correct: {exercise}." + (f" {detail}" if detail else ""))


def compare_arrays(
    exercise: str,
    answer: Any,
    expected: Any,
    hint: str,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "your answer",
) -> None:
    """Raise :class:`CheckFailed` unless ``answer`` has the shape and values of ``expected``.

    Parameters
    ----------
    exercise : str
        Name of the exercise, used in the message.
    answer, expected : array_like
        What the learner gave and what the reference gives.
    hint : str
        What to look at when it is wrong.
    rtol, atol : float
        Tolerances, as in ``numpy.allclose``.
    what : str
        How to name the answer in the message (e.g. "your function's output").
    """
    try:
        answer_array = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        _fail(exercise, f"{what} is a {type(answer).__name__}, not numbers.", hint)
    expected_array = np.asarray(expected, dtype=np.float64)
    if answer_array.shape != expected_array.shape:
        _fail(
            exercise,
            f"{what} has shape {answer_array.shape}, expected {expected_array.shape}.",
            hint,
        )
    if not np.all(np.isfinite(answer_array)):
        _fail(exercise, f"{what} contains NaN or infinite values.", hint)
    if not np.allclose(answer_array, expected_array, rtol=rtol, atol=atol):
        difference = np.max(np.abs(answer_array - expected_array))
        _fail(
            exercise,
            f"{what} has the right shape but values differ by up to {difference:.3g}.",
            hint,
        )


def check_function(
    exercise: str,
    function: Any,
    reference: Callable[..., Any],
    make_inputs: Callable[[np.random.Generator], tuple],
    hint: str,
    trials: int = 5,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> None:
    """Run a learner's function and the reference on fresh random inputs and compare them.

    Parameters
    ----------
    exercise : str
        Name of the exercise, used in the messages.
    function : callable
        The learner's function.
    reference : callable
        The reference solution, called with the same arguments.
    make_inputs : callable
        Takes a ``numpy.random.Generator`` and returns the positional arguments of one trial.
    hint : str
        What to look at when it is wrong.
    trials : int, default 5
        How many random inputs to try.
    rtol, atol : float
        Tolerances, as in ``numpy.allclose``.

    """
    if not callable(function):
        _fail(exercise, f"expected a function, got {type(function).__name__}.", hint)
    rng = np.random.default_rng()  # fresh inputs each time: the check cannot leak an answer
    for _ in range(trials):
        arguments = make_inputs(rng)
        expected = reference(*arguments)
        try:
            answer = function(*arguments)
        except NotImplementedError:
            raise
        except Exception as error:  # a learner's bug: report it as a check result
            _fail(exercise, f"your function raised {type(error).__name__}: {error}", hint)
        compare_arrays(exercise, answer, expected, hint, rtol, atol, what="your function's output")
    correct(exercise, f"It agrees with the reference on {trials} random inputs.")
