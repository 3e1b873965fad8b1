"""The self-checks of notebook 01's exercises accept right answers and name the wrong ones."""

import functools

import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed
from tutorial_utils.checks.vanishing_gradients import INPUT_SCALES_01

# Exercise 1: the factor that keeps a fraction


def _factor_by_bisection(fraction, steps):
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (low, middle) if middle**steps >= fraction else (middle, high)
    return high


def test_check_factor_to_keep_accepts_a_root_and_a_search(capsys):
    tu.checks.check_factor_to_keep(lambda fraction, steps: fraction ** (1 / steps))
    tu.checks.check_factor_to_keep(_factor_by_bisection)
    tu.checks.check_factor_to_keep(lambda f, n: np.exp(np.log(f) / n))
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 3


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda f, n: f**n, "you raised the fraction to the power steps"),
        (lambda f, n: f ** (1 / (n - 1)), "you took the root of steps - 1"),
        (lambda f, n: f ** (1 / (n + 1)), "you took the root of steps \\+ 1"),
        (lambda f, n: 1 / f ** (1 / n), "your factor is above 1"),
        (lambda f, n: 1 + np.log(f) / n, "you used the approximation"),
        (lambda f, n: np.exp(np.log10(f) / n), "exp undoes the natural logarithm, not log10"),
        (lambda f, n: 10 ** (np.log(f) / n), "10 \\*\\* undoes log10"),
        (lambda f, n: f / n, "you divided the fraction by steps"),
        (lambda f, n: 1 + f, "lies between 0 and 1"),
        (lambda f, n: f ** (2 / n), "values differ by up to"),
        ("0.986", "expected a function, got str"),
    ],
)
def test_check_factor_to_keep_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_factor_to_keep(function)
    assert str(error.value).startswith("Exercise 1, the factor that keeps a fraction: not yet.")
    assert "Hint: a factor applied steps times keeps factor to the power steps" in str(error.value)


# Exercise 2: backpropagation through time by hand


def _norms_by_hand(h, W_h, slope=None, order="right", norm=2, transpose=True):
    """The notebook's loop, with one option that a learner may get wrong."""
    num_steps, units = h.shape
    recurrent = W_h.T if transpose else W_h
    product, norms = np.eye(units), [1.0]
    for k in range(1, num_steps):
        h_k = h[num_steps - k]
        jacobian = np.diag(1 - h_k**2) @ recurrent if slope is None else slope(h, k, recurrent)
        product = product @ jacobian if order == "right" else jacobian @ product
        norms.append(np.linalg.norm(product, ord=norm))
    return np.array(norms)


def _norms_with_full_jacobians(h, W_h):
    """A second right answer: every dh_T / dh_t built from the front, with einsum."""
    num_steps, units = h.shape
    jacobians = np.einsum("ti,ji->tij", 1 - h**2, W_h)  # J_t = diag(1 - h_t**2) W_h^T
    norms = []
    for lag in range(num_steps):
        product = np.eye(units)
        for t in range(num_steps - 1, num_steps - 1 - lag, -1):
            product = product @ jacobians[t]
        norms.append(np.linalg.svd(product, compute_uv=False)[0])
    return norms


def test_check_gradient_norms_by_hand_accepts_two_ways_and_the_package(capsys):
    tu.checks.check_gradient_norms_by_hand(_norms_by_hand)
    tu.checks.check_gradient_norms_by_hand(_norms_with_full_jacobians)
    tu.checks.check_gradient_norms_by_hand(tu.rnn_gradient_norms)
    assert capsys.readouterr().out.count("Correct: Exercise 2") == 3


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (
            lambda h, W: _norms_by_hand(
                h, W, slope=lambda h, k, R: np.diag(1 - h[len(h) - k - 1] ** 2) @ R
            ),
            "your slopes are one step early",
        ),
        (lambda h, W: _norms_by_hand(h, W, transpose=False), "you used W_h where the Jacobian"),
        (
            lambda h, W: _norms_by_hand(h, W, slope=lambda h, k, R: (1 - h[len(h) - k] ** 2) * R),
            "you scaled the columns of W_h\\^T",
        ),
        (lambda h, W: _norms_by_hand(h, W, order="left"), "in the wrong order"),
        (
            lambda h, W: _norms_by_hand(
                h, W, slope=lambda h, k, R: np.diag(1 - np.tanh(h[len(h) - k]) ** 2) @ R
            ),
            "you took 1 - tanh\\(h_k\\)\\*\\*2",
        ),
        (lambda h, W: _norms_by_hand(h, W, slope=lambda h, k, R: R), "you left out the tanh"),
        (lambda h, W: _norms_by_hand(h, W, norm=None), "you took the Frobenius norm"),
        (lambda h, W: _norms_by_hand(h, W)[1:], "your curve starts at lag 1"),
        (lambda h, W: _norms_by_hand(h, W)[::-1], "your curve runs the wrong way"),
        (lambda h, W: 2 * _norms_by_hand(h, W), "values differ by up to"),
        (lambda h, W: _norms_by_hand(h, W)[:, None], r"has shape \(\d+, 1\), expected"),
        (np.ones(5), "expected a function, got ndarray"),
    ],
)
def test_check_gradient_norms_by_hand_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_gradient_norms_by_hand(function)
    assert str(error.value).startswith("Exercise 2, backpropagation through time by hand: not")
    assert "Hint: going back one step multiplies by one more step Jacobian" in str(error.value)


def test_check_gradient_norms_by_hand_says_in_one_line_that_the_stub_is_unanswered():
    def stub(h, W_h):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_gradient_norms_by_hand(stub)


# Exercise 3: larger inputs at spectral radius 1.5


@functools.cache
def _section_two(scale):
    """The notebook's own cells of section 2, with W_x = scale * rng.normal(...)."""
    rng = np.random.default_rng(0)
    rng.normal(size=(2, 12, 3))
    rng.normal(size=(3, 5)), rng.normal(size=5)
    x_random = rng.normal(size=(8, 60, 1))
    W_x = scale * rng.normal(size=(1, 64))
    W_h = tu.random_recurrent_matrix(64, 1.5, seed=0)
    states = tu.rnn_forward(x_random, W_x, W_h, np.zeros(64))
    return states, np.array([tu.rnn_gradient_norms(h, W_h) for h in states])


def _row(scale, first_only=False, lag=50, absolute=True):
    states, curves = _section_two(scale)
    norms = curves[:1] if first_only else curves
    return [np.abs(states).mean() if absolute else states.mean(), norms.mean(axis=0)[lag]]


def _table(**options):
    return np.array([_row(scale, **options) for scale in INPUT_SCALES_01])


def test_check_input_scale_accepts_an_array_and_a_data_frame(capsys):
    import pandas as pd

    table = _table()
    assert table[0, 0] == pytest.approx(0.465, abs=5e-4)  # notebook 01's table, radius 1.5
    assert table[0, 1] == pytest.approx(92.3, abs=0.05)
    tu.checks.check_input_scale(table)
    frame = pd.DataFrame(table, index=INPUT_SCALES_01, columns=["mean |h_t|", "norm at lag 50"])
    tu.checks.check_input_scale(frame)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 2


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (_table(lag=49), "your gradient norms are at lag 49"),
        (_table(lag=51), "your gradient norms are at lag 51"),
        (_table(first_only=True), "come from the first sequence alone"),
        (_table(absolute=False), "your first column averages h_t, not \\|h_t\\|"),
        (_table()[::-1], "your rows are in the wrong order"),
        (_table()[:, ::-1], "your columns are swapped"),
        (_table() * [1, 1.01], r"4 of the 8 entries of your table are off \(the first at index"),
        (_table()[:, 1], r"your table has shape \(4,\), expected \(4, 2\)"),
        ("table", "your table is text"),
        (_table() * [1, np.nan], "your table contains NaN"),
    ],
)
def test_check_input_scale_says_what_is_wrong_without_the_answer(table, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_input_scale(table)
    assert "Hint: each row is one run of section 2's network" in str(error.value)
    assert "92.3" not in str(error.value) and "0.46" not in str(error.value)


# Exercise 4: clipping by norm


def _clip_loop(gradients, max_norm):
    clipped = []
    for g in gradients:
        norm = np.sqrt(np.sum(g**2))
        clipped.append(g * max_norm / norm if norm > max_norm else g)
    return clipped


def _clip_like_keras(gradients, max_norm):
    """Keras's own rule, written the way keras.optimizers applies it: no branch."""
    return tuple(g * max_norm / np.maximum(np.linalg.norm(g), max_norm) for g in gradients)


def test_check_clip_by_norm_accepts_a_loop_and_keras_rule(capsys):
    tu.checks.check_clip_by_norm(_clip_loop)
    tu.checks.check_clip_by_norm(_clip_like_keras)
    assert capsys.readouterr().out.count("Correct: Exercise 4") == 2


def test_the_reference_is_what_keras_clipnorm_does():
    import keras

    rng = np.random.default_rng(0)
    gradients = [rng.normal(size=(3, 4)), 0.1 * rng.normal(size=(4,)), 5 * rng.normal(size=(4, 1))]
    variables = [keras.Variable(np.zeros(g.shape), dtype="float32") for g in gradients]
    optimizer = keras.optimizers.SGD(learning_rate=1.0, clipnorm=0.5)
    tensors = [keras.ops.convert_to_tensor(g, "float32") for g in gradients]
    optimizer.apply_gradients(zip(tensors, variables, strict=True))
    for variable, clipped in zip(variables, _clip_loop(gradients, 0.5), strict=True):
        np.testing.assert_allclose(-variable.numpy(), clipped, rtol=1e-5, atol=1e-7)


def _clip_elementwise(gradients, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in gradients]


def _clip_global(gradients, max_norm):
    total = np.sqrt(sum(np.sum(g**2) for g in gradients))
    return [g * min(1, max_norm / total) for g in gradients]


def _clip_in_place(gradients, max_norm):
    for g in gradients:
        g *= min(1, max_norm / np.linalg.norm(g))  # changes the arrays it was given
    return gradients


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_clip_elementwise, "that is clipvalue"),
        (_clip_global, "that is global_clipnorm"),
        (lambda gs, c: [g * c / np.linalg.norm(g) for g in gs], "also the short ones"),
        (
            lambda gs, c: [
                g * np.minimum(1, c / np.linalg.norm(g, axis=0, keepdims=True)) for g in gs
            ],
            "you clipped each column separately",
        ),
        (
            lambda gs, c: [
                g * np.minimum(1, c / np.linalg.norm(g, axis=-1, keepdims=True)) for g in gs
            ],
            "you clipped each row separately",
        ),
        (lambda gs, c: [g * min(1, c / np.abs(g).max()) for g in gs], "by its largest entry"),
        (lambda gs, c: [g * min(1, c / np.sum(g**2)) for g in gs], "by the squared norm"),
        (
            lambda gs, c: np.concatenate([g.ravel() for g in _clip_loop(gs, c)]),
            "your function returns a ndarray: return a list",
        ),
        (lambda gs, c: _clip_loop(gs, c)[:-1], r"returns \d arrays for \d gradients"),
        (
            lambda gs, c: [g.ravel() for g in _clip_loop(gs, c)],
            r"array 0 has shape \(\d+,\), its gradient \(\d, \d\)",
        ),
        (lambda gs, c: [0.5 * g for g in _clip_loop(gs, c)], "values differ by up to"),
        ({"clipnorm": 1.0}, "expected a function, got dict"),
    ],
)
def test_check_clip_by_norm_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_clip_by_norm(function)
    assert str(error.value).startswith("Exercise 4, clipping by norm: not yet.")
    assert "Hint: clipnorm looks at one variable's gradient at a time" in str(error.value)


def test_check_clip_by_norm_accepts_clipping_in_place(capsys):
    tu.checks.check_clip_by_norm(_clip_in_place)
    assert capsys.readouterr().out.startswith("Correct: Exercise 4")


def test_check_clip_by_norm_says_in_one_line_that_the_stub_is_unanswered():
    def stub(gradients, max_norm):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_clip_by_norm(stub)
