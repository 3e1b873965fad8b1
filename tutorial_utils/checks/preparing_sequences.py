"""Self-checks for the exercises of notebook 03, preparing sequences for an LSTM.

Used in ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..splits import chronological_split
from ..windows import make_windows
from .core import (
    FUNCTION_OUTPUT,
    CheckFailed,
    _fail,
    call_learner,
    check_value,
    compare_arrays,
    correct,
    not_a_function,
    not_numbers,
)

# Exercise 1 windows this series, as in notebook 03's exercise list.
_SERIES_03 = np.arange(10, 101, 10)
# Exercise 4 compares these input ranges, in this order, and these measures, in this order.
_RANGES_03 = ((0, 1), (-1, 1), (-5, 5))
_MEASURES_03 = ("saturated", "slope", "grad W", "grad U,b")


def _quiet_check_value(*arguments: Any, **options: Any) -> None:
    """Run :func:`check_value` without its ``Correct`` line: one check prints one line."""
    with contextlib.redirect_stdout(io.StringIO()):
        check_value(*arguments, **options)


def check_horizon_prediction(x_shape: Any, y_shape: Any, first_target: Any) -> None:
    """Check exercise 1 of notebook 03: the shapes of windows with a horizon, predicted.

    The prediction is for ``tu.make_windows(series, window_size=3, horizon=3)`` on ``series =
    [10, 20, ..., 100]``: the shapes of ``x`` and ``y`` and the first row of ``y``. The expected
    values come from :func:`tutorial_utils.make_windows` and are never printed. Used in
    ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    x_shape : tuple of int
        The predicted ``x.shape``, ``(samples, time steps, features)``.
    y_shape : tuple of int
        The predicted ``y.shape``, ``(samples, horizon)``.
    first_target : sequence of float
        The predicted ``y[0]``.

    """
    exercise = "Exercise 1, windows with a horizon"
    hint = (
        "every sample is a block of window_size inputs followed by horizon targets, slid along "
        "the series one step at a time (notebook 03, 'The sliding window')."
    )
    for name, value in (("x_shape", x_shape), ("y_shape", y_shape), ("first_target", first_target)):
        problem = not_numbers(value, f"your {name}")
        if problem is not None:
            _fail(exercise, problem, hint)
    x, y = make_windows(_SERIES_03, window_size=3, horizon=3)
    num_samples, window_size, _ = x.shape
    horizon = y.shape[1]
    if np.ndim(x_shape) == 1 and len(x_shape) == 2:
        _fail(
            exercise,
            "your x_shape has 2 axes: tu.make_windows returns (samples, time steps, features), "
            "with a features axis of length 1 for one series.",
            hint,
        )
    if np.ndim(y_shape) == 1 and len(y_shape) == 1:
        _fail(
            exercise,
            "your y_shape has 1 axis: tu.make_windows returns the targets as (samples, horizon).",
            hint,
        )
    if np.size(first_target) == 1:
        _fail(
            exercise,
            f"your first_target is one value: with horizon={horizon} each target row holds the "
            f"next {horizon} values.",
            hint,
        )
    too_many = (
        "you counted len(series) - window_size windows, as for horizon 1: with horizon=3 "
        "the last windows have fewer than 3 values after them."
    )
    all_windows = (
        "you counted every window of 3 values, len(series) - window_size + 1, but the last "
        "ones have no values after them for their targets."
    )
    one_short = "one window short: the last sample's target ends at the series' last value."
    counts = {
        len(_SERIES_03) - window_size: too_many,
        len(_SERIES_03) - window_size + 1: all_windows,
        num_samples - 1: one_short,
    }
    _quiet_check_value(
        exercise,
        x_shape,
        x.shape,
        hint,
        mistakes=[
            *[((n, window_size, 1), message) for n, message in counts.items()],
            ((num_samples, 1, window_size), "time steps come before features in x."),
        ],
        what="your x_shape",
    )
    _quiet_check_value(
        exercise,
        y_shape,
        y.shape,
        hint,
        mistakes=[
            ((num_samples, 1), f"y has one column per future step: horizon={horizon} columns."),
            *[((n, horizon), message) for n, message in counts.items()],
            ((horizon, num_samples), "y has one row per sample and one column per step ahead."),
        ],
        what="your y_shape",
    )
    _quiet_check_value(
        exercise,
        first_target,
        y[0],
        hint,
        mistakes=[
            (x[0, :, 0], "that is the first window, x[0]: its target comes after it."),
            (y[1], "one step late: the first target starts right after the first window."),
        ],
        what="your first_target",
    )
    correct(exercise, "Now run the next cell to see it.")


def _check_pair(
    exercise: str,
    function: Any,
    reference: Callable[..., tuple[np.ndarray, np.ndarray]],
    make_inputs: Callable[[np.random.Generator, int], tuple],
    hint: str,
    names: tuple[str, str],
    mistakes: Sequence[tuple[Callable[..., tuple], str]] = (),
    form_problem: Callable[[Any, tuple], str | None] | None = None,
    trials: int = 5,
) -> None:
    """Like :func:`check_function`, for a function that returns two arrays of different shapes.

    Each part is compared on its own, so a message names the part that is wrong (``your x has
    shape ...``). ``make_inputs(rng, trial)`` gets the trial's number, so that the first trials
    can be the inputs that expose a mistake. ``form_problem(answer, arguments)`` says what is
    wrong with the form of an answer (not a pair, a missing axis), or returns None.
    """
    if not callable(function):
        _fail(exercise, not_a_function(function), hint)
    rng = np.random.default_rng()  # fresh inputs each time: the check cannot leak an answer
    inputs = [make_inputs(rng, trial) for trial in range(trials)]
    for arguments in inputs:
        expected = reference(*arguments)
        answer = call_learner(exercise, function, arguments, hint)
        if answer is None or isinstance(answer, (str, bytes)):
            _fail(exercise, not_numbers(answer, FUNCTION_OUTPUT), hint)
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            if isinstance(answer, (tuple, list)):
                problem = f"returns {len(answer)} items"
            else:
                problem = f"returns one {type(answer).__name__}"
            _fail(exercise, f"your function {problem}: return the pair {', '.join(names)}.", hint)
        problem = form_problem(answer, arguments) if form_problem is not None else None
        if problem is not None:
            _fail(exercise, problem, hint)
        try:
            for name, part, expected_part in zip(names, answer, expected, strict=True):
                compare_arrays(exercise, part, expected_part, hint, what=f"your {name}")
        except CheckFailed:
            message = _recognised_pair_mistake(function, inputs, mistakes)
            if message is None:
                raise
            _fail(exercise, message, hint)
    correct(exercise, f"It agrees with the reference on {trials} random inputs.")


def _same_pair(answer: Any, expected: tuple) -> bool:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return False
    for part, expected_part in zip(answer, expected, strict=True):
        try:
            part = np.asarray(part, dtype=np.float64)
        except (TypeError, ValueError):
            return False
        expected_part = np.asarray(expected_part, dtype=np.float64)
        if part.shape != expected_part.shape or not np.allclose(part, expected_part):
            return False
    return True


def _recognised_pair_mistake(
    function: Callable[..., Any],
    inputs: list[tuple],
    mistakes: Sequence[tuple[Callable[..., tuple], str]],
) -> str | None:
    """Return the message of the first mistake that the function makes on all the inputs."""
    try:
        answers = [function(*arguments) for arguments in inputs]
    except Exception:  # the trials report it
        return None
    for mistake, message in mistakes:
        if all(
            _same_pair(answer, mistake(*arguments))
            for answer, arguments in zip(answers, inputs, strict=True)
        ):
            return message
    return None


def _strided_03(
    values: np.ndarray,
    window_size: int,
    stride: int,
    skip_first: bool = False,
    stop_early: int = 0,
    target: str = "after",
) -> tuple[np.ndarray, np.ndarray]:
    """Every stride-th window of ``tu.make_windows``, or a typical mistaken version of it."""
    x, y = make_windows(values, window_size)
    starts = np.arange(stride if skip_first else 0, len(values) - window_size - stop_early, stride)
    if target == "last in window":
        return x[starts], x[starts, -1, :]
    if target == "not strided":
        return x[starts], y[: len(starts)]
    return x[starts], y[starts]


def _stride_inputs_03(rng: np.random.Generator, trial: int) -> tuple[np.ndarray, int, int]:
    """Draw a random series, window size and stride; the first two trials reveal the most.

    The series keeps ``num_kept`` windows and has ``extra`` values (0 to ``stride - 1``) after
    the last window's target. Trial 0 has ``extra = stride - 1``: one more window, cut over all
    the values, would end at the last value and have no target. Trial 1 has ``extra = 0``: the
    last window starts at ``len(values) - window_size - 1``. At least ``window_size`` windows
    are kept, so that windows of values ``stride`` steps apart (Keras' ``sampling_rate``, a
    mistake the check names) fit in the series too.
    """
    window_size, stride = int(rng.integers(2, 7)), int(rng.integers(2, 5))
    num_kept = int(rng.integers(window_size, window_size + 6))
    extra = {0: stride - 1, 1: 0}.get(trial, int(rng.integers(0, stride)))
    num_values = window_size + stride * (num_kept - 1) + 1 + extra
    return rng.normal(size=num_values), window_size, stride


def _stride_form_problem_03(answer: Any, arguments: tuple) -> str | None:
    """Say what is wrong with the form of ``(x, y)`` from a strided windowing, if anything."""
    values, window_size, stride = arguments
    try:
        x, y = (np.asarray(part, dtype=np.float64) for part in answer)
    except (TypeError, ValueError):
        return None  # compare_arrays says it is not numbers
    if x.ndim == 2:
        return (
            f"your x has shape {x.shape}: add the features axis, (samples, time steps, 1), as "
            "tu.make_windows returns it."
        )
    if y.ndim == 1:
        return (
            f"your y has shape {y.shape}: tu.make_windows returns the targets as (samples, "
            "horizon), here (samples, 1)."
        )
    spread = values[: (window_size - 1) * stride + 1 : stride]
    if x.ndim == 3 and len(x) and x.shape[1:] == (len(spread), 1) and window_size > 1:
        if np.allclose(x[0, :, 0], spread):
            return (
                "the values inside your windows are stride steps apart: that is what Keras "
                "calls sampling_rate. Here the values inside a window stay consecutive and "
                "each window starts stride steps after the previous one."
            )
    if x.ndim == 3 and y.ndim == 2 and len(x) != len(y):
        return (
            f"your x holds {len(x)} windows but your y {len(y)} targets: a window needs the "
            "value right after it as its target, so no window may end at the last value."
        )
    return None


def check_windows_with_stride(function: Any) -> None:
    """Check exercise 2 of notebook 03: sliding windows that keep every stride-th window.

    ``function(values, window_size, stride)`` must return ``x, y`` as
    :func:`tutorial_utils.make_windows` does for a 1-D series (``x`` of shape ``(num_samples,
    window_size, 1)``, ``y`` of shape ``(num_samples, 1)``), keeping windows ``0, stride, 2 *
    stride, ...``: window ``k`` holds ``values[k * stride : k * stride + window_size]`` and its
    target is the value right after it. It is compared with every ``stride``-th sample of
    ``tu.make_windows`` on fresh random series, window sizes and strides. Used in
    ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(values: numpy.ndarray, window_size: int, stride: int) -> (x, y)``.

    """

    def reference(values: np.ndarray, window_size: int, stride: int):
        x, y = make_windows(values, window_size)
        return x[::stride], y[::stride]

    def variant(**mistake: Any) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
        return lambda values, window_size, stride: _strided_03(
            values, window_size, stride, **mistake
        )

    mistakes = [
        (
            lambda values, window_size, stride: make_windows(values, window_size),
            "you kept every window: the stride is ignored. Keep windows 0, stride, 2 * stride, "
            "... (range(0, ..., stride), or [::stride] on the windows and on the targets).",
        ),
        (
            variant(stop_early=1),
            "one window short at the end: the last window may start at len(values) - "
            "window_size - 1, so range(0, len(values) - window_size, stride) is the right range.",
        ),
        (
            variant(skip_first=True),
            "you skipped the first window: the windows start at 0, stride, 2 * stride, ...",
        ),
        (
            variant(target="last in window"),
            "your targets are the last value of each window: the target is the value right "
            "after the window, values[start + window_size].",
        ),
        (
            variant(target="not strided"),
            "you strided the windows but not the targets: your y holds the targets of the first "
            "windows in a row. The target of the window that starts at k * stride is "
            "values[k * stride + window_size].",
        ),
    ]
    _check_pair(
        "Exercise 2, windows with a stride",
        function,
        reference,
        _stride_inputs_03,
        "the windows are those of the sliding window, every stride-th one kept, each with the "
        "value right after it as its target (notebook 03, 'The sliding window').",
        names=("x", "y"),
        mistakes=mistakes,
        form_problem=_stride_form_problem_03,
    )


def check_stride_argument(name: Any) -> None:
    """Check exercise 2 of notebook 03: the argument of Keras's windowing that sets the stride.

    ``name`` must be the argument of ``keras.utils.timeseries_dataset_from_array`` that makes
    consecutive windows start ``stride`` steps apart. Used in
    ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    name : str
        The argument's name, e.g. ``"batch_size"``.

    """
    import inspect

    from keras.utils import timeseries_dataset_from_array

    exercise = "Exercise 2, Keras's stride argument"
    hint = (
        "one argument of keras.utils.timeseries_dataset_from_array sets the period between two "
        "windows, another the period between two values inside a window: read its help (notebook "
        "03, 'The same windows from Keras')."
    )
    if name is None:
        _fail(exercise, "your answer is None: set it to the argument's name, a string.", hint)
    if not isinstance(name, str):
        _fail(
            exercise,
            f"your answer is of type {type(name).__name__}: give the argument's name as a string.",
            hint,
        )
    name = name.strip()
    arguments = list(inspect.signature(timeseries_dataset_from_array).parameters)
    if name == "sequence_stride":
        correct(exercise)
        return
    if name not in arguments:
        _fail(
            exercise,
            f"{name!r} is not an argument of keras.utils.timeseries_dataset_from_array; its "
            f"arguments are {', '.join(arguments)}.",
            hint,
        )
    known = {
        "sampling_rate": (
            "sampling_rate takes every sampling_rate-th value inside a window, so a window of "
            "sequence_length values spans (sequence_length - 1) * sampling_rate + 1 steps; the "
            "windows still start one step apart."
        ),
        "sequence_length": "sequence_length is the window size, the number of values per window.",
    }
    _fail(
        exercise,
        known.get(name, f"{name} does not set how many steps apart the windows start."),
        hint,
    )


def _split_inputs_03(rng: np.random.Generator, trial: int) -> tuple[np.ndarray, int, float]:
    """Draw a series (1-D, 2-D or windows), a gap that leaves a test part, a train fraction.

    ``len(values) * train_fraction`` has a fractional part of at least 0.5, so that a
    training size that is rounded, not truncated, shows.
    """
    num_values = int(rng.integers(30, 200))
    num_train = int(rng.integers(int(0.5 * num_values), int(0.85 * num_values)))
    train_fraction = (num_train + float(rng.uniform(0.5, 0.95))) / num_values
    gap = int(rng.integers(1, min(15, num_values - num_train - 3) + 1))
    shape = [(num_values,), (num_values, 3), (num_values, 4, 1)][trial % 3]
    return rng.normal(size=shape), gap, train_fraction


def check_split_with_gap(function: Any) -> None:
    """Check exercise 3 of notebook 03: a chronological split with a gap between the parts.

    ``function(values, gap, train_fraction)`` must return ``train, test``: ``train`` is the
    training part of :func:`tutorial_utils.chronological_split` (its first
    ``int(len(values) * train_fraction)`` rows) and ``test`` is its test part without its first
    ``gap`` rows. It is compared with ``tu.chronological_split`` on fresh random series (1-D,
    2-D, or windows of shape ``(samples, window_size, 1)``), gaps and fractions. Used in
    ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(values: numpy.ndarray, gap: int, train_fraction: float) -> (train, test)``.

    """

    def reference(values: np.ndarray, gap: int, train_fraction: float):
        train, test = chronological_split(values, train_fraction)
        return train, test[gap:]

    def cut(values: np.ndarray, num_train: int, gap: int) -> tuple[np.ndarray, np.ndarray]:
        return values[:num_train], values[num_train + gap :]

    mistakes = [
        (
            lambda values, gap, fraction: chronological_split(values, fraction),
            "there is no gap: drop the first gap rows of the test part.",
        ),
        (
            lambda values, gap, fraction: (
                chronological_split(values, fraction)[0][:-gap],
                chronological_split(values, fraction)[1],
            ),
            "you took the gap from the end of the training part. That is a valid gap too "
            "(scikit-learn's TimeSeriesSplit takes it there), but here the training part stays "
            "that of tu.chronological_split and the gap comes out of the test part.",
        ),
        (
            lambda values, gap, fraction: reference(values, gap + 1, fraction),
            "your gap is one row too wide: the test part starts gap rows after the training "
            "part ends.",
        ),
        (
            lambda values, gap, fraction: reference(values, gap - 1, fraction),
            "your gap is one row too narrow: the test part starts gap rows after the training "
            "part ends.",
        ),
        (
            lambda values, gap, fraction: cut(values, int((len(values) - gap) * fraction), gap),
            "you took train_fraction of the rows left after the gap: the training part has "
            "int(len(values) * train_fraction) rows, as in tu.chronological_split.",
        ),
        (
            lambda values, gap, fraction: cut(values, round(len(values) * fraction), gap),
            "your training part is one row longer than tu.chronological_split's: it has "
            "int(len(values) * train_fraction) rows, rounded down, and the test part the rest.",
        ),
    ]
    _check_pair(
        "Exercise 3, a split with a gap",
        function,
        reference,
        _split_inputs_03,
        "keep the training part of tu.chronological_split as it is, then leave gap rows out "
        "before the test part begins (notebook 03, 'Chronological splits').",
        names=("training part", "test part"),
        mistakes=mistakes,
    )


def check_gap_test_samples(num_test_samples: Any) -> None:
    """Check exercise 3 of notebook 03: how many test windows the airline series keeps.

    The windows of 12 months are cut from the whole airline series (as ``x_air, y_air`` in
    notebook 03's shuffled-split experiment), then split with ``train_fraction=0.8`` and a gap
    of 12 samples taken from the start of the test part. The expected count comes from
    :func:`tutorial_utils.make_windows` and :func:`tutorial_utils.chronological_split` and is
    never printed. Used in ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    num_test_samples : int
        The number of test samples that are left.

    """
    from ..datasets import load_airline

    window_size, train_fraction = 12, 0.8
    values = load_airline().to_numpy()
    x, _ = make_windows(values, window_size)
    train, test = chronological_split(x, train_fraction)
    expected = len(test) - window_size
    _, test_values = chronological_split(values, train_fraction)
    check_value(
        "Exercise 3, test samples after the gap",
        num_test_samples,
        expected,
        "split the 132 windows, not the 144 months, with a gap of one window length, and count "
        "the test samples (notebook 03, 'Shuffling before splitting leaks the future').",
        mistakes=[
            (len(test), "that is the test part without a gap."),
            (len(test) - window_size + 1, "that is the count for a gap of window_size - 1."),
            (len(test) - window_size - 1, "that is the count for a gap of window_size + 1."),
            (len(train), "that is the number of training samples."),
            (
                len(test_values) - window_size,
                "that is the count when the 144 months are split (with a gap as the test "
                "windows' context, or without one and the test windows cut from the test "
                "months alone): this exercise splits the 132 windows x_air, as notebook 03's "
                "split_rmses does.",
            ),
            (
                len(test_values) - 2 * window_size,
                "that is the count when the 144 months are split with a gap and windows are cut "
                "inside what is left: this exercise splits the 132 windows x_air.",
            ),
            (len(test_values), "that is the number of test months, not of test windows."),
        ],
        what="your number of test samples",
    )


def _saturation_measures_03(layer: Any, inputs: np.ndarray) -> dict[str, float]:
    """Measure the four quantities of exercise 4 for one LSTM layer and one set of windows."""
    import tensorflow as tf

    from ..numpy_lstm import lstm_forward

    W, U, b = layer.get_weights()
    *_, gates = lstm_forward(inputs, W, U, b, return_gates=True)
    sigmoids = [gates[name] for name in ("i", "f", "o")]
    distance_to_limit = [np.minimum(g, 1 - g) for g in sigmoids] + [1 - np.abs(gates["g"])]
    slopes = [4 * g * (1 - g) for g in sigmoids] + [1 - gates["g"] ** 2]
    with tf.GradientTape() as tape:
        output = tf.reduce_sum(layer(inputs))
    kernel, recurrent_kernel, bias = tape.gradient(output, layer.trainable_weights)
    return {
        "saturated": float(np.mean(np.stack(distance_to_limit) < 1e-3)),
        "slope": float(np.mean(np.stack(slopes))),
        "grad W": float(tf.norm(kernel)),
        "grad U,b": float(tf.linalg.global_norm([recurrent_kernel, bias])),
    }


@functools.cache  # the experiment is deterministic: a second check need not rerun it
def _saturation_tables_03() -> dict[str, np.ndarray]:
    """Compute the reference table of exercise 4 and those of typical mistakes, each (3, 4)."""
    import keras

    from ..datasets import load_airline
    from ..reproducibility import run_over_seeds
    from ..scaling import scale_splits

    values = load_airline().to_numpy()
    train_values, _ = chronological_split(values, train_fraction=0.8)
    inputs = {}
    for feature_range in _RANGES_03:
        _, train_scaled = scale_splits(train_values, feature_range=feature_range)
        _, _, leaky_scaled = scale_splits(values, train_values, feature_range=feature_range)
        inputs[str(feature_range)] = make_windows(train_scaled, window_size=12)[0]
        inputs[f"leaky {feature_range}"] = make_windows(leaky_scaled, window_size=12)[0]

    def experiment(seed: int) -> dict[str, float]:
        layer = keras.layers.LSTM(8)  # right after run_over_seeds seeds, as the learner's
        layer.build((None, 12, 1))
        return {
            f"{key}|{measure}": value
            for key, windows in inputs.items()
            for measure, value in _saturation_measures_03(layer, windows).items()
        }

    runs = run_over_seeds(experiment, seeds=range(5), progress=False)

    def table(summary: Any, prefix: str = "") -> np.ndarray:
        return np.array([[summary[f"{prefix}{r}|{m}"] for m in _MEASURES_03] for r in _RANGES_03])

    mean = table(runs.mean())
    return {
        "reference": mean,
        "leaky": table(runs.mean(), prefix="leaky "),
        "median": table(runs.median()),
        "seed 0": table(runs.iloc[0]),
        "one range": np.tile(mean[1], (3, 1)),
    }


def _ordered_summary_03(summary: Any) -> Any:
    """Put a DataFrame's rows and columns in the check's order when it names them."""
    if not hasattr(summary, "iloc") or not hasattr(summary, "columns"):
        return summary
    rows = [str(label) for label in summary.index]
    columns = [str(label) for label in summary.columns]
    row_names = [str(r) for r in _RANGES_03]
    if set(row_names) <= set(rows):
        summary = summary.iloc[[rows.index(name) for name in row_names]]
    if set(_MEASURES_03) <= set(columns):
        summary = summary.iloc[:, [columns.index(name) for name in _MEASURES_03]]
    return summary


def check_saturation_by_range(summary: Any) -> None:
    """Check exercise 4 of notebook 03: saturation and gradients for three input ranges.

    ``summary`` holds, for inputs scaled to (0, 1), (-1, 1) and (-5, 5) (rows, in this order),
    the mean over seeds 0 to 4 of four measures (columns, in this order, or named
    ``"saturated"``, ``"slope"``, ``"grad W"``, ``"grad U,b"`` in a DataFrame): the share of
    gate values within 1e-3 of their limits (0 or 1 for the sigmoid gates i, f, o, -1 or 1 for
    the candidate g), the mean slope of the gates relative to their steepest (``4 * s * (1 -
    s)`` for a sigmoid value s, ``1 - g ** 2`` for g), and the gradient norms of the input
    kernel W and of U and b together. Each is measured on a fresh ``keras.layers.LSTM(8)`` fed
    the 103 training windows of 12 months of the airline series. The check reruns the
    experiment once per session (a second or two; like ``tu.run_over_seeds`` it reseeds
    Python, NumPy and Keras) and never prints the expected values. Used in
    ``notebooks/exercises/03_preparing_sequences_exercises.ipynb``.

    Parameters
    ----------
    summary : pandas.DataFrame or array_like
        Shape ``(3, 4)``: one row per input range, one column per measure.

    """
    exercise = "Exercise 4, saturation by input range"
    hint = (
        "scale the training part to each range, cut windows of 12 and average the experiment over "
        "the five seeds; one row per range, named as the exercise says (notebook 03, 'Why an LSTM "
        "needs it')."
    )
    summary = _ordered_summary_03(summary)
    tables = _saturation_tables_03()
    check_value(
        exercise,
        summary,
        tables["reference"],
        hint,
        rtol=1e-4,
        atol=1e-9,
        mistakes=[
            (
                tables["one range"],
                "your three rows are the same: pass each feature_range to tu.scale_splits.",
            ),
            (
                tables["leaky"],
                "you fitted the scaler on the whole series: fit it on the training part alone.",
            ),
            (tables["median"], "those are medians over the seeds: take the mean."),
            (tables["seed 0"], "those are the values of seed 0 alone: take the mean over 5 seeds."),
        ],
        what="your summary",
    )
