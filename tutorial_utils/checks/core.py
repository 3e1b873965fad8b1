"""The core of the self-checks: compare an answer with the reference and say what is wrong.

A check that takes a function runs it on fresh random inputs against the reference solution, so
it never prints the answer. A right answer prints ``Correct: ...``; a wrong one raises
:class:`CheckFailed`, which a notebook shows as one line saying what is wrong (wrong shape,
values off by how much, ``None``, text instead of numbers) and one line of hint, never a traceback
and never the check's code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import numpy as np

FUNCTION_OUTPUT = "your function's output"
NOT_ANSWERED = (
    "your function still raises NotImplementedError: write your code where it says YOUR CODE "
    "HERE, run that cell, then this one."
)


class CheckFailed(AssertionError):
    """Raised by a self-check when the answer is not right yet; the message says why.

    In IPython (Jupyter, Colab) it shows as two short lines, what is wrong and a hint, instead of a
    traceback (``_render_traceback_``); the cell still fails, for the learner, for nbval and for
    nbgrader's autograder alike.

    Parameters
    ----------
    exercise : str
        Name of the exercise, e.g. ``"Exercise 1, the seasonal naive forecast"``.
    problem : str
        What is wrong, without the answer.
    hint : str
        The idea to use and where the notebook teaches it, never the line of code.
    """

    def __init__(self, exercise: str, problem: str, hint: str) -> None:
        super().__init__(f"{exercise}: not yet. {problem}\nHint: {hint}")
        self.exercise, self.problem, self.hint = exercise, problem, hint

    def _render_traceback_(self) -> list[str]:
        """Return what IPython shows in place of the traceback: the message (in red), the hint."""
        return [f"\x1b[31m{self.exercise}: not yet. {self.problem}\x1b[0m", f"Hint: {self.hint}"]


class _NoAnswer(CheckFailed):
    """A check's failure on a non-answer (a stub, ``None``, text): no mistake to recognise."""


def _fail(exercise: str, problem: str, hint: str) -> NoReturn:
    raise CheckFailed(exercise, problem, hint) from None


def not_numbers(answer: Any, what: str) -> str | None:
    """Say why ``answer`` is not numbers (``None``, text, another type), or return None.

    Parameters
    ----------
    answer : object
        What the learner gave.
    what : str
        How to name it; :data:`FUNCTION_OUTPUT` for what a learner's function returned.
    """
    if answer is None:
        if what == FUNCTION_OUTPUT:
            return "your function returned None: did you forget `return`?"
        return f"{what} is None: set it to your answer in the cell above, then run this cell again."
    subject = "your function returned" if what == FUNCTION_OUTPUT else f"{what} is"
    if callable(answer):
        return f"{subject} a function: call it and give its result."
    if isinstance(answer, (str, bytes)):
        return f"{subject} text ({answer!r:.30}), not a number: give the number itself."
    try:
        array = np.asarray(answer)
    except Exception:  # a ragged list or an object NumPy cannot read
        return f"{subject} a {type(answer).__name__} that NumPy cannot read as numbers."
    if array.dtype.kind in "USO" and any(
        isinstance(value, (str, bytes)) for value in array.ravel()[:1000]
    ):
        return f"{subject} text inside, not numbers: give numbers."
    try:
        np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return f"{subject} a {type(answer).__name__}, not numbers."
    return None


def correct(exercise: str, detail: str = "") -> None:
    """Print the success message of a check."""
    print(f"Correct: {exercise}." + (f" {detail}" if detail else ""))


def not_a_function(answer: Any) -> str:
    """Say what a learner passed instead of a function."""
    if answer is None:
        return "expected a function, got None: pass your function itself, by its name."
    return f"expected a function, got {type(answer).__name__}."


def _numbers_of_the_right_shape(
    exercise: str, answer: Any, expected: Any, hint: str, what: str
) -> tuple[np.ndarray, np.ndarray]:
    """Both as float64 arrays; fail unless the answer is finite numbers of the expected shape."""
    problem = not_numbers(answer, what)
    if problem is not None:
        _fail(exercise, problem, hint)
    answer_array = np.asarray(answer, dtype=np.float64)
    expected_array = np.asarray(expected, dtype=np.float64)
    if answer_array.shape != expected_array.shape:
        _fail(
            exercise,
            f"{what} has shape {answer_array.shape}, expected {expected_array.shape}.",
            hint,
        )
    if not np.all(np.isfinite(answer_array)):
        if np.any(np.isnan(answer_array)):
            _fail(exercise, f"{what} contains NaN: is every entry filled in?", hint)
        _fail(exercise, f"{what} contains infinite values: is something divided by 0?", hint)
    return answer_array, expected_array


def call_learner(exercise: str, function: Any, arguments: tuple, hint: str) -> Any:
    """Call a learner's function; report what it raises in one line, a stub's included."""
    try:
        return function(*arguments)
    except NotImplementedError:
        raise _NoAnswer(exercise, NOT_ANSWERED, hint) from None
    except Exception as error:  # a learner's bug: report it as a check result
        _fail(exercise, f"your function raised {type(error).__name__}: {error}", hint)


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
    answer_array, expected_array = _numbers_of_the_right_shape(
        exercise, answer, expected, hint, what
    )
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
    mistakes: Sequence[tuple[Callable[..., Any], str]] = (),
    describe: Callable[[Any], str | None] | None = None,
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
    mistakes : sequence of (callable, str), optional
        Typical wrong versions of the reference, each with the message that names the mistake.
        When the answer is wrong and agrees with one of them on fresh inputs, the check says
        that message instead of how far the values are off.
    describe : callable, optional
        Takes one of the function's answers and returns what is wrong with its form (or None);
        used when the answer is wrong and matches no mistake.

    """
    try:
        _run_trials(exercise, function, reference, make_inputs, hint, trials, rtol, atol)
    except _NoAnswer:
        raise
    except CheckFailed:
        message = _recognised_mistake(function, make_inputs, mistakes, describe, rtol, atol)
        if message is None:
            raise
    else:
        correct(exercise, f"It agrees with the reference on {trials} random inputs.")
        return
    _fail(exercise, message, hint)  # outside the handler: the learner sees one message


def _run_trials(
    exercise: str,
    function: Any,
    reference: Callable[..., Any],
    make_inputs: Callable[[np.random.Generator], tuple],
    hint: str,
    trials: int,
    rtol: float,
    atol: float,
) -> None:
    if not callable(function):
        _fail(exercise, not_a_function(function), hint)
    rng = np.random.default_rng()  # fresh inputs each time: the check cannot leak an answer
    for _ in range(trials):
        arguments = make_inputs(rng)
        expected = reference(*arguments)
        answer = call_learner(exercise, function, arguments, hint)
        if answer is None or isinstance(answer, (str, bytes)):
            raise _NoAnswer(exercise, not_numbers(answer, FUNCTION_OUTPUT), hint)
        compare_arrays(exercise, answer, expected, hint, rtol, atol, what=FUNCTION_OUTPUT)


def _same(answer: Any, expected: Any, rtol: float, atol: float) -> bool:
    try:
        answer_array = np.asarray(answer, dtype=np.float64)
        expected_array = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return answer_array.shape == expected_array.shape and bool(
        np.allclose(answer_array, expected_array, rtol=rtol, atol=atol)
    )


def _recognised_mistake(
    function: Callable[..., Any],
    make_inputs: Callable[[np.random.Generator], tuple],
    mistakes: Sequence[tuple[Callable[..., Any], str]],
    describe: Callable[[Any], str | None] | None,
    rtol: float,
    atol: float,
    trials: int = 3,
) -> str | None:
    """Return the message of the first typical mistake the function makes on fresh inputs."""
    if not mistakes and describe is None:
        return None
    rng = np.random.default_rng()
    inputs = [make_inputs(rng) for _ in range(trials)]
    try:
        answers = [function(*arguments) for arguments in inputs]
    except Exception:  # the trials have already reported it
        return None
    for mistake, message in mistakes:
        if all(
            _makes_mistake(answer, mistake, arguments, rtol, atol)
            for answer, arguments in zip(answers, inputs, strict=True)
        ):
            return message
    return describe(answers[0]) if describe is not None else None


def _makes_mistake(
    answer: Any, mistake: Callable[..., Any], arguments: tuple, rtol: float, atol: float
) -> bool:
    """Whether ``answer`` is what ``mistake`` gives on ``arguments`` (False if it cannot run)."""
    try:
        with np.errstate(all="ignore"):
            return _same(answer, mistake(*arguments), rtol, atol)
    except Exception:  # a mistaken version that does not apply to these inputs
        return False


def check_value(
    exercise: str,
    answer: Any,
    expected: Any,
    hint: str,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: Sequence[tuple[Any, str]] = (),
    what: str = "your answer",
) -> None:
    """Check a value the learner computed, without printing the expected value.

    Unlike :func:`compare_arrays`, a wrong answer is reported as too high, too low or (for
    arrays) how many entries are off, never by how much, so the message does not give the
    answer away.

    Parameters
    ----------
    exercise : str
        Name of the exercise, used in the message.
    answer, expected : array_like
        What the learner gave and what the reference computes.
    hint : str
        What to look at when it is wrong.
    rtol, atol : float
        Tolerances, as in ``numpy.allclose``.
    mistakes : sequence of (array_like, str), optional
        Typical wrong values, each with the message that names the mistake.
    what : str
        How to name the answer in the message.

    """
    answer_array, expected_array = _numbers_of_the_right_shape(
        exercise, answer, expected, hint, what
    )
    if np.allclose(answer_array, expected_array, rtol=rtol, atol=atol):
        correct(exercise)
        return
    for mistake, message in mistakes:
        if _same(answer_array, mistake, rtol, atol):
            _fail(exercise, message, hint)
    if answer_array.size == 1:
        direction = "high" if answer_array.item() > expected_array.item() else "low"
        _fail(exercise, f"{what} is too {direction}.", hint)
    close = np.isclose(answer_array, expected_array, rtol=rtol, atol=atol)
    _fail(
        exercise,
        f"{np.count_nonzero(~close)} of the {close.size} entries of {what} are off "
        f"(the first at index {np.argwhere(~close)[0].tolist()}).",
        hint,
    )
