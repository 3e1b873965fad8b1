"""Self-checks for the exercises of notebook 02, the LSTM's gates from scratch.

Used in ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .core import FUNCTION_OUTPUT, _fail, check_function, correct, not_numbers

# Exercises in notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb. The hand-set LSTM
# reads four features per step, as in the notebook: a value and three flags.
_VALUE_02, _WRITE_02, _HOLIDAY_OVER_02, _READ_02 = range(4)
_HAND_TOLERANCE_02 = 0.01  # hand-set gates of sigmoid(+-10) leak about 5e-5 per step


def _sigmoid_02(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def check_steps_below(function: Any) -> None:
    """Check exercise 1 of notebook 02: how many steps until the belt passes less than a threshold.

    ``function(mean_forget, threshold)`` must return the smallest whole number of steps ``k``
    with ``mean_forget ** k < threshold``: how far back a belt whose forget gates all equal
    ``mean_forget`` still passes a gradient of at least ``threshold``. Used in
    ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(mean_forget: float, threshold: float) -> int``.

    """

    def make_inputs(rng: np.random.Generator) -> tuple[float, float]:
        return float(rng.uniform(0.3, 0.995)), float(10 ** rng.uniform(-8, -1))

    def reference(mean_forget: float, threshold: float) -> int:
        return int(np.ceil(np.log(threshold) / np.log(mean_forget)))

    def mixed_bases(mean_forget: float, threshold: float) -> float:
        return np.log10(threshold) / np.log(mean_forget)

    mistakes = [
        (
            lambda f, t: reference(f, t) - 1,
            "one step short: after that many steps the product is still at or above the threshold.",
        ),
        (
            lambda f, t: reference(f, t) + 1,
            "one step too many: the product is already below the threshold a step earlier.",
        ),
        (
            lambda f, t: np.log(t) / np.log(f),
            "your answer is not a whole number of steps: round up to the first whole k.",
        ),
        (
            lambda f, t: np.ceil(mixed_bases(f, t)),
            "you mixed logarithm bases: take the same logarithm of the threshold and the gate.",
        ),
        (
            mixed_bases,
            "you mixed logarithm bases: take the same logarithm of the threshold and the gate.",
        ),
        (
            lambda f, t: np.ceil(np.log(t) / np.log(1 - f)),
            "you used 1 - mean_forget: the belt keeps the fraction mean_forget at every step.",
        ),
    ]
    check_function(
        "Exercise 1, steps until the belt fades",
        function,
        reference,
        make_inputs,
        "the belt multiplies the gradient by the mean forget gate once per step: count the steps "
        "until that product first drops below the threshold (notebook 02, 'The conveyor belt').",
        mistakes=mistakes,
    )


def _hand_weights_02(
    exercise: str, W: Any, U: Any, b: Any, units: int, hint: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the weights of a hand-set LSTM as float64 after checking their shapes."""
    expected = {"W": (4, 4 * units), "U": (units, 4 * units), "b": (4 * units,)}
    arrays = {}
    for name, value in (("W", W), ("U", U), ("b", b)):
        problem = not_numbers(value, name)
        if problem is not None:
            _fail(exercise, problem, hint)
        array = np.asarray(value, dtype=np.float64)
        if array.shape != expected[name]:
            _fail(
                exercise,
                f"{name} has shape {array.shape}, expected {expected[name]}: the hand-set LSTM "
                f"reads 4 features and has {units} unit{'s' if units > 1 else ''}, and each "
                f"weight array holds the blocks i, f, g, o side by side.",
                hint,
            )
        if not np.all(np.isfinite(array)):
            _fail(exercise, f"{name} contains NaN or infinite values.", hint)
        arrays[name] = array
    return arrays["W"], arrays["U"], arrays["b"]


def _hand_story_02(rng: np.random.Generator, wipe_before_write: bool, num_steps: int = 40):
    """Draw a random story for the hand-set LSTM, shape ``(num_steps, 4)``: a value, three flags.

    At most one flag is on per step. With ``wipe_before_write``, every write follows a
    "holiday over", so a memory that adds and one that replaces behave the same.
    """
    while True:
        events = rng.choice(4, size=num_steps, p=[0.5, 0.2, 0.1, 0.2])  # 0: no flag
        if wipe_before_write:
            for t in range(1, num_steps):
                if events[t] == _WRITE_02:
                    events[t - 1] = _HOLIDAY_OVER_02
        writes = np.flatnonzero(events == _WRITE_02)
        if len(writes) < 3 or np.sum(events == _READ_02) < 3:
            continue
        if not np.any(events[writes[0] :] == _HOLIDAY_OVER_02):
            continue
        if not wipe_before_write:
            between = [events[a + 1 : z] for a, z in zip(writes[:-1], writes[1:], strict=True)]
            if not any(_HOLIDAY_OVER_02 not in part for part in between):
                continue
        holding = np.zeros(num_steps, dtype=bool)  # the memory holds a write at this step
        for t in range(num_steps):
            holding[t] = events[t] == _WRITE_02 or (t > 0 and holding[t - 1])
            holding[t] &= events[t] != _HOLIDAY_OVER_02
        if not np.any(holding & (events == _READ_02)):
            continue
        break
    story = np.zeros((num_steps, 4))
    story[:, _VALUE_02] = rng.choice([-1.0, 1.0], num_steps) * rng.uniform(0.3, 1.0, num_steps)
    flagged = np.flatnonzero(events)
    story[flagged, events[flagged]] = 1.0
    return story


def _run_hand_lstm_02(story: np.ndarray, W: np.ndarray, U: np.ndarray, b: np.ndarray):
    """Cell and hidden states of a hand-set LSTM at every step of a story, each (T, units)."""
    from ..numpy_lstm import lstm_cell_step

    h = np.zeros((1, U.shape[0]))
    c = np.zeros_like(h)
    cells, hiddens = [], []
    for t in range(story.shape[0]):
        h, c, _ = lstm_cell_step(story[t : t + 1], h, c, W, U, b)
        cells.append(c[0])
        hiddens.append(h[0])
    return np.array(cells), np.array(hiddens)


def _memory_problem_02(story: np.ndarray, cells: np.ndarray, hiddens: np.ndarray) -> str | None:
    """Say where a one-unit memory whose writes replace its content goes wrong, if it does."""
    expected_cells = np.zeros(len(story))
    content = 0.0
    for t, (value, write, holiday_over, _) in enumerate(story):
        if write:
            content = float(np.tanh(value))
        elif holiday_over:
            content = 0.0
        expected_cells[t] = content
    reads = story[:, _READ_02] == 1
    expected_hiddens = np.where(reads, np.tanh(expected_cells), 0.0)
    wrong = np.flatnonzero(np.abs(cells - expected_cells) > _HAND_TOLERANCE_02)
    if wrong.size:
        t = wrong[0]
        before = cells[t - 1] if t > 0 else 0.0
        if story[t, _WRITE_02]:
            written = np.tanh(story[t, _VALUE_02])
            if abs(cells[t] - (before + written)) <= _HAND_TOLERANCE_02:
                return (
                    f"at the write at step {t} the cell added the new content to what it held "
                    f"({before:.3f} + {written:.3f} = {cells[t]:.3f}) instead of replacing it."
                )
            return (
                f"after the write at step {t} the cell holds {cells[t]:.3f}, expected the "
                f"written content tanh(value) = {written:.3f}."
            )
        if story[t, _HOLIDAY_OVER_02]:
            return f"'holiday over' at step {t} should wipe the cell, but it holds {cells[t]:.3f}."
        return (
            f"at step {t} no write and no 'holiday over' happen, so the cell should keep "
            f"{expected_cells[t]:.3f}, but it holds {cells[t]:.3f}."
        )
    wrong = np.flatnonzero(np.abs(hiddens - expected_hiddens) > _HAND_TOLERANCE_02)
    if wrong.size:
        t = wrong[0]
        if reads[t]:
            return (
                f"the read at step {t} should show tanh(c) = {expected_hiddens[t]:.3f}, but the "
                f"output is {hiddens[t]:.3f}."
            )
        return (
            f"at step {t} there is no read, so the output should be 0, but it is {hiddens[t]:.3f}."
        )
    return None


def check_replacing_write(W: Any, U: Any, b: Any, trials: int = 5) -> None:
    """Check exercise 2 of notebook 02: hand-set weights whose writes replace the memory.

    Runs the one-unit LSTM on fresh random stories (a value and the flags "write", "holiday
    over" and "read", as in the notebook, with writes that follow each other without a
    "holiday over"), and checks that after a write the cell holds ``tanh(value)`` of that step,
    that "holiday over" wipes it, that it keeps its content otherwise, and that the output is
    ``tanh(c)`` at reads and 0 elsewhere, each to 0.01. Used in
    ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.

    Parameters
    ----------
    W : array_like
        Input weights, shape ``(4, 4)``: features (value, write, holiday over, read) by gate
        blocks (i, f, g, o).
    U : array_like
        Recurrent weights, shape ``(1, 4)``.
    b : array_like
        Bias, shape ``(4,)``.
    trials : int, default 5
        How many random stories to try.

    """
    exercise = "Exercise 2, a write that replaces the memory"
    hint = (
        "the update is c = f * c_prev + i * g: at a write, one gate must drop c_prev so that g "
        "replaces it; change that gate's weight on the 'write' flag alone (notebook 02, 'Hand-set "
        "weights: one job per gate')."
    )
    W, U, b = _hand_weights_02(exercise, W, U, b, units=1, hint=hint)
    rng = np.random.default_rng()
    for _ in range(trials):
        story = _hand_story_02(rng, wipe_before_write=False)
        cells, hiddens = _run_hand_lstm_02(story, W, U, b)
        problem = _memory_problem_02(story, cells[:, 0], hiddens[:, 0])
        if problem is not None:
            _fail(exercise, f"on a random story, {problem}", hint)
    correct(exercise, f"It replaces, wipes, keeps and reads on {trials} random stories.")


def _count_problem_02(story: np.ndarray, counts: np.ndarray) -> str | None:
    """Say where a cell that should count the writes so far goes wrong, if it does."""
    expected = np.cumsum(story[:, _WRITE_02])
    wrong = np.flatnonzero(np.abs(counts - expected) > 5 * _HAND_TOLERANCE_02)
    if not wrong.size:
        return None
    if np.all(np.abs(counts) <= _HAND_TOLERANCE_02):
        return (
            "unit 1's cell state stays at 0. With 2 units each gate's block is 2 columns wide, "
            "so unit 1 owns columns 1, 3, 5 and 7 of W, U and b."
        )
    t = wrong[0]
    before = counts[t - 1] if t > 0 else 0.0
    if story[t, _HOLIDAY_OVER_02] and abs(counts[t]) <= _HAND_TOLERANCE_02:
        return (
            f"at the 'holiday over' of step {t} the count drops to 0: a counter counts every "
            "write, so its forget gate must stay open whatever the flags."
        )
    if story[t, _WRITE_02] and abs(counts[t] - before - 1) > 5 * _HAND_TOLERANCE_02:
        if expected[t] > 1 and abs(counts[t] - 1) <= 5 * _HAND_TOLERANCE_02:
            return (
                f"after the write at step {t} unit 1 holds 1.00, not {expected[t]:.0f}: each "
                "write must add to what the cell holds, not replace it."
            )
        return (
            f"the write at step {t} adds {counts[t] - before:.3f} to unit 1's cell, not 1: at a "
            "write both i and g of unit 1 should be about 1, whatever the value."
        )
    return (
        f"unit 1 should hold the count {expected[t]:.0f} at step {t}, but it holds "
        f"{counts[t]:.3f}: between writes its cell must keep its value."
    )


def check_counting_unit(W: Any, U: Any, b: Any, trials: int = 5) -> None:
    """Check exercise 3 of notebook 02: a hand-set LSTM with a memory unit and a counting unit.

    Runs the two-unit LSTM on fresh random stories (as in the notebook, with a "holiday over"
    before every write) and checks that unit 0 still works as the notebook's memory (writes,
    wipes, keeps, reads, to 0.01) and that the cell state of unit 1 equals the number of "write"
    steps seen so far, to 0.05. Used in
    ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.

    Parameters
    ----------
    W : array_like
        Input weights, shape ``(4, 8)``: features (value, write, holiday over, read) by the
        blocks i, f, g, o, each 2 columns wide (unit 0, unit 1).
    U : array_like
        Recurrent weights, shape ``(2, 8)``.
    b : array_like
        Bias, shape ``(8,)``.
    trials : int, default 5
        How many random stories to try.

    """
    exercise = "Exercise 3, a counting unit"
    hint = (
        "with two units each gate's block holds one column per unit: unit 0 keeps the notebook's "
        "weights, and unit 1 needs a gate that opens at a write, a memory that is never wiped and "
        "a candidate near 1 (notebook 02, 'Hand-set weights: one job per gate')."
    )
    W, U, b = _hand_weights_02(exercise, W, U, b, units=2, hint=hint)
    rng = np.random.default_rng()
    for _ in range(trials):
        story = _hand_story_02(rng, wipe_before_write=True)
        cells, hiddens = _run_hand_lstm_02(story, W, U, b)
        if _count_problem_02(story, cells[:, 0]) is None and _count_problem_02(story, cells[:, 1]):
            _fail(
                exercise,
                "unit 0 counts the writes, not unit 1: the counter belongs in columns 1, 3, 5 "
                "and 7, the memory in columns 0, 2, 4 and 6.",
                hint,
            )
        problem = _count_problem_02(story, cells[:, 1])
        if problem is not None:
            _fail(exercise, f"on a random story, {problem}", hint)
        problem = _memory_problem_02(story, cells[:, 0], hiddens[:, 0])
        if problem is not None:
            _fail(exercise, f"unit 0 no longer works as the notebook's memory: {problem}", hint)
    correct(exercise, f"Unit 1 counts and unit 0 remembers on {trials} random stories.")


def check_stacked_param_count(function: Any) -> None:
    """Check exercise 4 of notebook 02: the parameter count of two stacked LSTMs and a Dense.

    ``function(num_features, units_first, units_second)`` must return the number of parameters
    of ``keras.Sequential([keras.Input((T, num_features)), keras.layers.LSTM(units_first,
    return_sequences=True), keras.layers.LSTM(units_second), keras.layers.Dense(1)])``. Used in
    ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(num_features: int, units_first: int, units_second: int) -> int``.

    """

    def make_inputs(rng: np.random.Generator) -> tuple[int, int, int]:
        return int(rng.integers(1, 11)), int(rng.integers(1, 65)), int(rng.integers(1, 65))

    def lstm(inputs: int, units: int) -> int:
        return 4 * units * (inputs + units + 1)

    def reference(num_features: int, units_first: int, units_second: int) -> int:
        return lstm(num_features, units_first) + lstm(units_first, units_second) + units_second + 1

    mistakes = [
        (
            lambda f, u1, u2: lstm(f, u1) + lstm(u1, u2),
            "you left out the Dense layer: it has units_second weights and one bias.",
        ),
        (
            lambda f, u1, u2: lstm(f, u1) + lstm(f, u2) + u2 + 1,
            "the second LSTM reads the first LSTM's hidden states, so its input has "
            "units_first features, not num_features.",
        ),
        (
            lambda f, u1, u2: 4 * u1 * (f + u1) + 4 * u2 * (u1 + u2) + u2,
            "you left out the biases: each LSTM has 4 * units of them and the Dense layer one.",
        ),
        (
            lambda f, u1, u2: u1 * (f + u1 + 1) + u2 * (u1 + u2 + 1) + u2 + 1,
            "an LSTM layer holds four sets of weights, one per gate i, f, g, o.",
        ),
        (
            lambda f, u1, u2: 4 * u1 * (f + 1) + 4 * u2 * (u1 + 1) + u2 + 1,
            "you left out the recurrent weights U, of shape (units, 4 * units) in each LSTM.",
        ),
    ]
    check_function(
        "Exercise 4, parameters of a stacked LSTM",
        function,
        reference,
        make_inputs,
        "count layer by layer, W, U and b of four gates each; a layer's inputs are the outputs of "
        "the layer below it (notebook 02, 'Counting parameters').",
        mistakes=mistakes,
    )


def _step_variant_02(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    W: np.ndarray,
    U: np.ndarray,
    b: np.ndarray,
    order: tuple[str, ...] = ("i", "f", "g", "o"),
    forget_squash: Callable[[np.ndarray], np.ndarray] = _sigmoid_02,
    candidate_squash: Callable[[np.ndarray], np.ndarray] = np.tanh,
    input_gate: bool = True,
    recurrent: bool = True,
    bias: bool = True,
    squash_cell: bool = True,
    new_cell: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM step ``(h, c)``, or a typical mistaken version of it (one option changed)."""
    z = x_t @ W + (h_prev @ U if recurrent else 0.0) + (b if bias else 0.0)
    blocks = dict(zip(order, np.split(z, 4, axis=1), strict=True))
    i, o = _sigmoid_02(blocks["i"]), _sigmoid_02(blocks["o"])
    f, g = forget_squash(blocks["f"]), candidate_squash(blocks["g"])
    c = f * c_prev + (i * g if input_gate else g)
    shown = c if new_cell else c_prev
    h = o * (np.tanh(shown) if squash_cell else shown)
    return h, c


def check_lstm_cell_step(function: Any) -> None:
    """Check exercise 5 of notebook 02: one LSTM cell step written in NumPy.

    ``function(x_t, h_prev, c_prev, W, U, b)`` must return the new hidden and cell states
    ``(h, c)`` (a third item, the gates, is allowed and ignored). It is compared with
    :func:`tutorial_utils.lstm_cell_step` on fresh random shapes, inputs and weights. Used in
    ``notebooks/exercises/02_lstm_gates_from_scratch_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        Takes ``x_t`` ``(N, F)``, ``h_prev`` and ``c_prev`` ``(N, U)``, ``W`` ``(F, 4U)``, ``U``
        ``(U, 4U)`` and ``b`` ``(4U,)`` in Keras's layout (blocks i, f, g, o) and returns
        ``h, c``, each ``(N, U)``.

    """
    from itertools import permutations

    from ..numpy_lstm import lstm_cell_step

    def make_inputs(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
        num_sequences, num_features, units = (int(n) for n in rng.integers(1, [5, 6, 7]))
        return (
            rng.normal(size=(num_sequences, num_features)),
            rng.uniform(-1, 1, size=(num_sequences, units)),
            rng.normal(size=(num_sequences, units)),
            rng.normal(scale=0.7, size=(num_features, 4 * units)),
            rng.normal(scale=0.7, size=(units, 4 * units)),
            rng.normal(scale=0.7, size=4 * units),
        )

    def reference(*arguments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return lstm_cell_step(*arguments)[:2]

    def h_and_c(*arguments: np.ndarray) -> Any:
        result = function(*arguments)
        if isinstance(result, tuple) and len(result) == 3 and isinstance(result[2], dict):
            return result[:2]
        return result

    def variant(**mistake: Any) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
        return lambda *arguments: _step_variant_02(*arguments, **mistake)

    mistakes = [
        (lambda *a: reference(*a)[0], "your function returns h alone: return the pair h, c."),
        (lambda *a: reference(*a)[1], "your function returns c alone: return the pair h, c."),
        (lambda *a: reference(*a)[::-1], "you return c, h: return h first, then c."),
        (
            variant(forget_squash=lambda z: z),
            "you used the forget gate before the sigmoid: f must be squashed into (0, 1).",
        ),
        (
            variant(candidate_squash=_sigmoid_02),
            "you squashed the candidate g with the sigmoid: g uses tanh, so it can be negative.",
        ),
        (variant(input_gate=False), "you added g to the cell without the input gate i."),
        (variant(squash_cell=False), "you used h = o * c: the cell goes through tanh first."),
        (variant(new_cell=False), "your h shows the old cell c_prev: use the new c."),
        (variant(recurrent=False), "you left out h_prev @ U: each gate also reads h_prev."),
        (variant(bias=False), "you left out the bias b."),
    ]
    for order in permutations(("i", "f", "g", "o")):
        if order != ("i", "f", "g", "o"):
            mistakes.append(
                (
                    variant(order=order),
                    f"you read the four blocks of W, U and b in the order {', '.join(order)}; "
                    "Keras stores them as i, f, g, o.",
                )
            )
    hint = (
        "one step mixes the input and the previous h into four blocks in Keras's order i, f, g, "
        "o, squashes each with its own function, updates the cell, then h (notebook 02, 'One step "
        "of an LSTM cell, gate by gate')."
    )

    def describe(answer: Any) -> str | None:
        if answer is None:
            return not_numbers(answer, FUNCTION_OUTPUT)
        if isinstance(answer, (tuple, list)) and len(answer) == 2:
            return None
        if isinstance(answer, (tuple, list)):
            return f"your function returns {len(answer)} items: return the pair h, c."
        return (
            f"your function returns one {type(answer).__name__} of shape {np.shape(answer)}: "
            "return the pair h, c, each of shape (N, units)."
        )

    learner = h_and_c if callable(function) else function
    check_function(
        "Exercise 5, one LSTM cell step",
        learner,
        reference,
        make_inputs,
        hint,
        mistakes=mistakes,
        describe=describe,
    )
