"""Self-checks for the exercises of notebook 01, vanishing gradients.

Used in ``notebooks/exercises/01_vanishing_gradients_exercises.ipynb``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .core import check_function, check_value

# Exercise 3 rebuilds section 2 of notebook 01: 8 sequences of 60 steps, 64 units, the recurrent
# matrix of spectral radius 1.5 and the notebook's input weights, whose scale 0.1 it varies.
INPUT_SCALES_01 = (0.1, 0.3, 1.0, 3.0)
_UNITS_01, _NUM_STEPS_01, _NUM_SEQUENCES_01, _RADIUS_01, _LAG_01 = 64, 60, 8, 1.5, 50


def check_factor_to_keep(function: Any) -> None:
    """Check exercise 1 of notebook 01: the factor whose power keeps a given fraction.

    ``function(fraction, steps)`` must return the smallest factor ``a`` with
    ``a ** steps >= fraction``, that is ``fraction ** (1 / steps)``: how close to 1 a per-step
    factor must be for ``steps`` multiplications to leave at least ``fraction`` of the signal.
    Used in ``notebooks/exercises/01_vanishing_gradients_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        ``function(fraction: float, steps: int) -> float``, for ``0 < fraction < 1``.

    """

    def make_inputs(rng: np.random.Generator) -> tuple[float, int]:
        return float(rng.uniform(0.01, 0.95)), int(rng.integers(2, 101))

    def reference(fraction: float, steps: int) -> float:
        return fraction ** (1 / steps)

    mistakes = [
        (
            lambda f, n: f**n,
            "you raised the fraction to the power steps: a ** steps = fraction makes a the "
            "steps-th root of the fraction.",
        ),
        (
            lambda f, n: f ** (1 / (n - 1)),
            "you took the root of steps - 1: steps multiplications need the steps-th root.",
        ),
        (
            lambda f, n: f ** (1 / (n + 1)),
            "you took the root of steps + 1: steps multiplications need the steps-th root.",
        ),
        (
            lambda f, n: f ** (-1 / n),
            "your factor is above 1: it would grow the signal, not keep a fraction of it.",
        ),
        (
            lambda f, n: 1 + np.log(f) / n,
            "you used the approximation a = 1 + ln(fraction) / steps, which is close for many "
            "steps but not exact: solve a ** steps = fraction exactly.",
        ),
        (
            lambda f, n: np.exp(np.log10(f) / n),
            "you mixed logarithm bases: exp undoes the natural logarithm, not log10.",
        ),
        (
            lambda f, n: 10 ** (np.log(f) / n),
            "you mixed logarithm bases: 10 ** undoes log10, not the natural logarithm.",
        ),
        (
            lambda f, n: f / n,
            "you divided the fraction by steps: the factor is applied steps times, so take the "
            "steps-th root.",
        ),
    ]

    def describe(answer: Any) -> str | None:
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return None
        if not 0 < value < 1:
            return "a factor that keeps a fraction below 1 of the signal lies between 0 and 1."
        return None

    check_function(
        "Exercise 1, the factor that keeps a fraction",
        function,
        reference,
        make_inputs,
        "a factor applied steps times keeps factor to the power steps: solve that power = "
        "fraction for the factor (notebook 01, section 1, 'Multiplying a number by itself').",
        mistakes=mistakes,
        describe=describe,
    )


def _gradient_norms_variant_01(
    h: np.ndarray,
    W_h: np.ndarray,
    transpose: bool = True,
    slope: str = "h_k",
    multiply_on: str = "right",
    norm: Any = 2,
) -> np.ndarray:
    """``||dh_T / dh_{T-k}||`` for every lag, or a typical mistaken version (one option changed)."""
    num_steps, units = h.shape
    recurrent = W_h.T if transpose else W_h
    product = np.eye(units)
    norms = [1.0]
    for lag in range(1, num_steps):
        step = num_steps - lag  # row of h_k, k = T - lag + 1 in the maths' 1-based count
        if slope == "h_k":
            jacobian = (1 - h[step] ** 2)[:, np.newaxis] * recurrent
        elif slope == "h_k-1":
            jacobian = (1 - h[step - 1] ** 2)[:, np.newaxis] * recurrent
        elif slope == "tanh again":
            jacobian = (1 - np.tanh(h[step]) ** 2)[:, np.newaxis] * recurrent
        elif slope == "columns":
            jacobian = recurrent * (1 - h[step] ** 2)
        else:  # no slope
            jacobian = recurrent
        product = product @ jacobian if multiply_on == "right" else jacobian @ product
        norms.append(np.linalg.norm(product, ord=norm))
    return np.array(norms)


def check_gradient_norms_by_hand(function: Any) -> None:
    """Check exercise 2 of notebook 01: backpropagation through time written by hand.

    ``function(h, W_h)`` must return ``||dh_T / dh_{T-k}||_2`` for ``k = 0 .. T-1``, the product
    of the step Jacobians ``diag(1 - h_k**2) W_h^T``, as :func:`tutorial_utils.rnn_gradient_norms`
    does. It is compared with that function on the states of random simple RNNs of random sizes.
    Used in ``notebooks/exercises/01_vanishing_gradients_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        Takes the states ``h_1 .. h_T`` of one sequence, shape ``(T, U)``, and the recurrent
        weights ``W_h``, shape ``(U, U)``, and returns an array of shape ``(T,)`` whose entry
        ``k`` belongs to the lag ``k``.

    """
    from ..numpy_rnn import random_recurrent_matrix, rnn_forward, rnn_gradient_norms

    def make_inputs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        num_steps, units = int(rng.integers(3, 16)), int(rng.integers(2, 7))
        W_h = random_recurrent_matrix(
            units, float(rng.uniform(0.5, 1.5)), seed=int(rng.integers(2**31))
        )
        x = rng.normal(size=(1, num_steps, 1))
        W_x = rng.normal(scale=0.5, size=(1, units))
        b = rng.normal(scale=0.2, size=units)
        return rnn_forward(x, W_x, W_h, b)[0], W_h

    def variant(**mistake: Any) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        return lambda h, W_h: _gradient_norms_variant_01(h, W_h, **mistake)

    mistakes = [
        (
            variant(slope="h_k-1"),
            "your slopes are one step early: the Jacobian J_k = dh_k / dh_{k-1} uses the slope "
            "1 - h_k**2 of the state it produces, h_k, not of h_{k-1}.",
        ),
        (
            variant(transpose=False),
            "you used W_h where the Jacobian has W_h^T: with row vectors, h_k = tanh(... + "
            "h_{k-1} W_h), so dh_k / dh_{k-1} = diag(1 - h_k**2) W_h^T.",
        ),
        (
            variant(slope="columns"),
            "you scaled the columns of W_h^T by the slope: (1 - h_k**2) * W_h.T broadcasts along "
            "the last axis, where diag(1 - h_k**2) W_h^T scales its rows.",
        ),
        (
            variant(multiply_on="left"),
            "you multiplied the Jacobians in the wrong order: going back from h_T, each new "
            "Jacobian goes on the right, dh_T / dh_{T-k} = J_T J_{T-1} ... J_{T-k+1}.",
        ),
        (
            variant(slope="tanh again"),
            "you took 1 - tanh(h_k)**2: h_k is already the output of tanh, so the slope is "
            "1 - h_k**2.",
        ),
        (
            variant(slope="none"),
            "you left out the tanh slope: each Jacobian is diag(1 - h_k**2) W_h^T, not W_h^T "
            "alone.",
        ),
        (
            variant(norm="fro"),
            "you took the Frobenius norm: use the spectral norm, the largest singular value.",
        ),
        (
            lambda h, W_h: rnn_gradient_norms(h, W_h)[1:],
            "your curve starts at lag 1: entry 0 is lag 0, dh_T / dh_T, the identity, whose "
            "norm is 1.",
        ),
        (
            lambda h, W_h: rnn_gradient_norms(h, W_h)[::-1],
            "your curve runs the wrong way: entry k must be the norm k steps back from the last "
            "state, so entry 0 is 1.",
        ),
    ]
    check_function(
        "Exercise 2, backpropagation through time by hand",
        function,
        rnn_gradient_norms,
        make_inputs,
        "going back one step multiplies by one more step Jacobian, tanh's slope at the state it "
        "produced times W_h transposed, starting from the identity at lag 0; measure each product "
        "with the spectral norm (notebook 01, section 2).",
        rtol=1e-6,
        atol=1e-12,
        mistakes=mistakes,
    )


@functools.cache
def _input_scale_tables_01() -> dict[str, np.ndarray]:
    """Mean ``|h_t|`` and gradient norm at lag 50 for each input scale, and typical slips.

    Rebuilds section 2 of notebook 01 (its random draws in its order) with ``W_x`` scaled to
    each of :data:`INPUT_SCALES_01`. Returns tables of shape ``(len(INPUT_SCALES_01), 2)``:
    ``"right"``, and the same with the norm at lag 49 or 51, of the first sequence alone, or
    with the mean of ``h_t`` instead of ``|h_t|``.
    """
    from ..numpy_rnn import random_recurrent_matrix, rnn_forward, rnn_gradient_norms

    rng = np.random.default_rng(0)
    rng.normal(size=(2, 12, 3))  # the notebook's small example: x, W_x and b
    rng.normal(size=(3, 5))
    rng.normal(size=5)
    x_random = rng.normal(size=(_NUM_SEQUENCES_01, _NUM_STEPS_01, 1))
    direction = rng.normal(size=(1, _UNITS_01))  # the notebook's W_x is 0.1 times this
    W_h = random_recurrent_matrix(_UNITS_01, _RADIUS_01, seed=0)
    b = np.zeros(_UNITS_01)
    rows: dict[str, list[list[float]]] = {
        name: [] for name in ("right", "lag 49", "lag 51", "first sequence", "signed mean")
    }
    for scale in INPUT_SCALES_01:
        states = rnn_forward(x_random, scale * direction, W_h, b)
        curves = np.array([rnn_gradient_norms(h, W_h) for h in states])  # (N, T)
        mean_abs, norms = np.abs(states).mean(), curves.mean(axis=0)
        rows["right"].append([mean_abs, norms[_LAG_01]])
        rows["lag 49"].append([mean_abs, norms[_LAG_01 - 1]])
        rows["lag 51"].append([mean_abs, norms[_LAG_01 + 1]])
        rows["first sequence"].append([mean_abs, curves[0, _LAG_01]])
        rows["signed mean"].append([states.mean(), norms[_LAG_01]])
    tables = {name: np.array(table) for name, table in rows.items()}
    for table in tables.values():
        table.flags.writeable = False  # cached: shared by every call of the check
    return tables


def check_input_scale(table: Any) -> None:
    """Check exercise 3 of notebook 01: larger inputs at spectral radius 1.5.

    ``table`` must hold, for each input scale of :data:`INPUT_SCALES_01` (the notebook's
    ``W_x = 0.1 * rng.normal(...)`` with 0.1 replaced by the scale), the mean ``|h_t|`` over all
    sequences, steps and units, and the gradient norm ``||dh_T / dh_{T-50}||`` averaged over the
    8 sequences, for section 2's simple RNN with spectral radius 1.5. The check rebuilds that
    set-up and compares to a relative 1e-6, without printing the expected values. Used in
    ``notebooks/exercises/01_vanishing_gradients_exercises.ipynb``.

    Parameters
    ----------
    table : array_like or pandas.DataFrame
        Shape ``(4, 2)``: one row per input scale 0.1, 0.3, 1.0, 3.0, and the columns mean
        ``|h_t|`` and gradient norm at lag 50.

    """
    tables = _input_scale_tables_01()
    wrong_tables = [
        (
            tables["lag 49"],
            "your gradient norms are at lag 49: entry k of tu.rnn_gradient_norms is k steps "
            "back, so lag 50 is entry 50.",
        ),
        (
            tables["lag 51"],
            "your gradient norms are at lag 51: entry k of tu.rnn_gradient_norms is k steps "
            "back, so lag 50 is entry 50.",
        ),
        (
            tables["first sequence"],
            "your gradient norms come from the first sequence alone: average the norms of all 8 "
            "sequences, as section 2 does.",
        ),
        (
            tables["signed mean"],
            "your first column averages h_t, not |h_t|: positive and negative states cancel.",
        ),
        (
            tables["right"][::-1],
            "your rows are in the wrong order: one row per scale 0.1, 0.3, 1.0, 3.0, in that "
            "order.",
        ),
        (
            tables["right"][:, ::-1],
            "your columns are swapped: first the mean |h_t|, then the gradient norm at lag 50.",
        ),
    ]
    check_value(
        "Exercise 3, larger inputs at spectral radius 1.5",
        table,
        tables["right"],
        "each row is one run of section 2's network with W_x scaled: its mean |h_t| over "
        "everything, and the mean over the 8 sequences of the gradient norm 50 steps back "
        "(notebook 01, section 2).",
        rtol=1e-6,
        atol=0.0,
        mistakes=wrong_tables,
        what="your table",
    )


class _Malformed:
    """What a clipping function returned when it is not one array per gradient: says why."""

    def __init__(self, message: str) -> None:
        self.message = message


def _clip_reference_01(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
    """Keras's ``clipnorm``: each gradient scaled down to norm ``max_norm`` if it is longer."""
    return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in gradients]


def _clip_global_01(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
    total = np.sqrt(sum(np.sum(g**2) for g in gradients))
    return [g * min(1.0, max_norm / total) for g in gradients]


def _clip_always_01(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
    return [g * max_norm / np.linalg.norm(g) for g in gradients]


def _clip_axis_01(axis: int) -> Callable[[Sequence[np.ndarray], float], list[np.ndarray]]:
    def clip(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
        return [
            g * np.minimum(1.0, max_norm / np.linalg.norm(g, axis=axis, keepdims=True))
            for g in gradients
        ]

    return clip


def _clip_largest_entry_01(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
    return [g * min(1.0, max_norm / np.max(np.abs(g))) for g in gradients]


def _clip_squared_01(gradients: Sequence[np.ndarray], max_norm: float) -> list[np.ndarray]:
    return [g * min(1.0, max_norm / np.sum(g**2)) for g in gradients]


def check_clip_by_norm(function: Any) -> None:
    """Check exercise 4 of notebook 01: gradient clipping by norm, as Keras's ``clipnorm``.

    ``function(gradients, max_norm)`` must return a list with one array per gradient: each
    gradient whose Euclidean norm (over all its entries) exceeds ``max_norm`` scaled down to
    norm ``max_norm``, the others unchanged. It is compared with that rule on random lists of
    gradients (some longer and some shorter than ``max_norm``); the rule itself is what
    ``keras.optimizers.SGD(clipnorm=max_norm)`` does to each variable's gradient. Used in
    ``notebooks/exercises/01_vanishing_gradients_exercises.ipynb``.

    Parameters
    ----------
    function : callable
        Takes a list of float arrays (any shapes) and a positive float and returns a list of
        arrays of the same shapes.

    """

    def make_inputs(rng: np.random.Generator) -> tuple[list[np.ndarray], float]:
        max_norm = float(10 ** rng.uniform(-1, 1))
        rows, units = (int(n) for n in rng.integers(2, 6, size=2))
        shapes = [(rows, units), (units, units), (units,), (units, 1)][: rng.integers(2, 5)]
        # one gradient longer than max_norm, one shorter, the rest either
        lengths = [rng.uniform(1.5, 10), rng.uniform(0.1, 0.9)]
        lengths += [10 ** rng.uniform(-1, 1) for _ in shapes[2:]]
        gradients = []
        for shape, length in zip(shapes, rng.permutation(lengths), strict=True):
            direction = rng.normal(size=shape)
            gradients.append(direction * (length * max_norm / np.linalg.norm(direction)))
        return gradients, max_norm

    def flat(clip: Callable[..., Any]) -> Callable[..., Any]:
        """One vector of every clipped entry, or what is wrong with the form of the result."""

        def run(gradients: list[np.ndarray], max_norm: float) -> Any:
            result = clip([g.copy() for g in gradients], max_norm)  # the inputs stay as drawn
            if result is None or isinstance(result, str):
                return result  # the check says what is wrong with it
            if not isinstance(result, (list, tuple)):
                return _Malformed(
                    f"your function returns a {type(result).__name__}: return a list with one "
                    "clipped array per gradient."
                )
            if len(result) != len(gradients):
                return _Malformed(
                    f"your function returns {len(result)} arrays for {len(gradients)} "
                    "gradients: return one clipped array per gradient."
                )
            for number, (clipped, gradient) in enumerate(zip(result, gradients, strict=True)):
                if np.shape(clipped) != gradient.shape:
                    return _Malformed(
                        f"array {number} has shape {np.shape(clipped)}, its gradient "
                        f"{gradient.shape}: clipping keeps each gradient's shape."
                    )
            return np.concatenate([np.ravel(np.asarray(c, dtype=np.float64)) for c in result])

        return run

    mistakes = [
        (
            flat(lambda gs, c: [np.clip(g, -c, c) for g in gs]),
            "you clipped each entry to [-max_norm, max_norm]: that is clipvalue, which changes a "
            "gradient's direction. clipnorm scales the whole array, keeping its direction.",
        ),
        (
            flat(_clip_global_01),
            "you scaled every gradient by one factor from the norm of all gradients together: "
            "that is global_clipnorm. clipnorm takes each variable's gradient on its own.",
        ),
        (
            flat(_clip_always_01),
            "you rescaled every gradient to norm max_norm, also the short ones: a gradient whose "
            "norm is at most max_norm stays as it is.",
        ),
        (
            flat(_clip_axis_01(0)),
            "you clipped each column separately: clipnorm takes one norm per variable, over all "
            "its entries.",
        ),
        (
            flat(_clip_axis_01(-1)),
            "you clipped each row separately: clipnorm takes one norm per variable, over all its "
            "entries.",
        ),
        (
            flat(_clip_largest_entry_01),
            "you measured a gradient by its largest entry: clipnorm uses the Euclidean norm, "
            "np.linalg.norm(g), the square root of the sum of squares.",
        ),
        (
            flat(_clip_squared_01),
            "you divided by the squared norm: scale by max_norm / norm, with the norm the square "
            "root of the sum of squares.",
        ),
    ]

    def describe(answer: Any) -> str | None:
        return answer.message if isinstance(answer, _Malformed) else None

    check_function(
        "Exercise 4, clipping by norm",
        flat(function) if callable(function) else function,
        flat(_clip_reference_01),
        make_inputs,
        "clipnorm looks at one variable's gradient at a time: only a gradient longer than "
        "max_norm is shrunk, keeping its direction (notebook 01, section 6, 'Exploding gradients "
        "and clipping').",
        mistakes=mistakes,
        describe=describe,
    )
