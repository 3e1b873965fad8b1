import numpy as np
import pytest

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _inputs(rng):
    return (rng.normal(size=(3, 4)),)


def test_right_function_is_correct(capsys):
    tu.checks.check_function(
        "sigmoid", lambda x: 0.5 * (1 + np.tanh(x / 2)), _sigmoid, _inputs, "hint"
    )
    assert capsys.readouterr().out.startswith("Correct: sigmoid.")


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda x: _sigmoid(x)[:, :3], r"shape \(3, 3\), expected \(3, 4\)"),
        (lambda x: _sigmoid(x) + 0.01, "values differ by up to 0.01"),
        (lambda x: np.tanh(x), "values differ by up to"),
        (lambda x: x / 0, "contains (NaN|infinite values)"),
        (lambda x: "text", r"your function returned text \('text'\), not a number"),
        (lambda x: undefined_name, "raised NameError"),  # noqa: F821
        (42, "expected a function, got int"),
    ],
)
def test_wrong_function_says_what_is_wrong(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        with np.errstate(divide="ignore", invalid="ignore"):
            tu.checks.check_function("sigmoid", function, _sigmoid, _inputs, "squash with exp")
    assert "Hint: squash with exp" in str(error.value)


def test_unanswered_stub_is_reported_in_one_line():
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_function("sigmoid", stub, _sigmoid, _inputs, "hint")


def test_compare_arrays():
    tu.checks.compare_arrays("e", [1.0, 2.0], np.array([1.0, 2.0]), "h")
    with pytest.raises(CheckFailed, match=r"has shape \(1,\), expected \(2,\)"):
        tu.checks.compare_arrays("e", [1.0], [1.0, 2.0], "h")


def test_check_function_names_a_recognised_mistake():
    mistakes = [(lambda x: 1 - _sigmoid(x), "you flipped the sign")]
    with pytest.raises(CheckFailed, match="not yet. you flipped the sign") as error:
        tu.checks.check_function(
            "sigmoid", lambda x: _sigmoid(-x), _sigmoid, _inputs, "hint", mistakes=mistakes
        )
    assert "Hint: hint" in str(error.value)
    with pytest.raises(CheckFailed, match="values differ by up to"):
        tu.checks.check_function(
            "sigmoid", lambda x: 2 * _sigmoid(x), _sigmoid, _inputs, "hint", mistakes=mistakes
        )


def test_check_value_accepts_the_right_value(capsys):
    tu.checks.check_value("e", 0.1 + 0.2, 0.3, "h")
    tu.checks.check_value("e", [1.0, 2.0], np.array([1.0, 2.0]), "h")
    assert capsys.readouterr().out == "Correct: e.\nCorrect: e.\n"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (3.5, "your answer is too high"),
        (2.5, "your answer is too low"),
        ([3.0, 3.0], r"has shape \(2,\), expected \(\)"),
        ("three", r"your answer is text \('three'\), not a number"),
        (float("nan"), "contains (NaN|infinite values)"),
        (4.0, "you added one"),
    ],
)
def test_check_value_says_what_is_wrong_without_the_answer(answer, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_value("e", answer, 3.0, "count again", mistakes=[(4.0, "you added one")])
    assert "3.0" not in str(error.value) and "Hint: count again" in str(error.value)


def test_check_value_counts_the_wrong_entries():
    with pytest.raises(
        CheckFailed,
        match=r"2 of the 4 entries of your answer are off \(the first "
        r"at index \[0, 1\]\)",
    ):
        tu.checks.check_value("e", [[1, 0], [3, 0]], [[1, 2], [3, 4]], "h")


# Notebook 02: the LSTM's gates from scratch
VALUE, WRITE, HOLIDAY_OVER, READ = range(4)


def _steps_below(mean_forget, threshold=1e-3):
    steps, product = 0, 1.0
    while product >= threshold:
        product *= mean_forget
        steps += 1
    return steps


def test_check_steps_below_accepts_a_loop_and_logarithms(capsys):
    tu.checks.check_steps_below(_steps_below)
    tu.checks.check_steps_below(lambda f, t: int(np.ceil(np.log(t) / np.log(f))))
    assert capsys.readouterr().out.count("Correct: Exercise 1") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda f, t: int(np.floor(np.log(t) / np.log(f))), "one step short"),
        (lambda f, t: _steps_below(f, t) + 1, "one step too many"),
        (lambda f, t: np.log(t) / np.log(f), "not a whole number of steps"),
        (lambda f, t: int(np.ceil(np.log10(t) / np.log(f))), "mixed logarithm bases"),
        (lambda f, t: int(np.ceil(np.log(t) / np.log(1 - f))), "you used 1 - mean_forget"),
        (lambda f, t: 2 * _steps_below(f, t), "values differ by up to"),
        (None, "expected a function, got None: pass your function itself"),
    ],
)
def test_check_steps_below_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_steps_below(function)
    assert str(error.value).startswith("Exercise 1, steps until the belt fades: not yet.")
    assert "Hint: the belt multiplies the gradient by the mean forget gate once per step" in str(
        error.value
    )


def _hand_weights():
    """The notebook's hand-set memory: one unit, gate columns i, f, g, o."""
    W, U, b = np.zeros((4, 4)), np.zeros((1, 4)), np.zeros(4)
    W[WRITE, 0], b[0] = 20.0, -10.0
    W[HOLIDAY_OVER, 1], b[1] = -20.0, 10.0
    W[VALUE, 2] = 1.0
    W[READ, 3], b[3] = 20.0, -10.0
    return W, U, b


def _replacing_weights():
    W, U, b = _hand_weights()
    W[WRITE, 1] = -20.0
    return W, U, b


def test_check_replacing_write_accepts_a_forget_gate_that_shuts_at_writes(capsys):
    tu.checks.check_replacing_write(*_replacing_weights())
    W, U, b = _replacing_weights()
    W[WRITE, 1], b[1] = -40.0, 20.0  # stronger switches work too
    W[HOLIDAY_OVER, 1] = -40.0
    tu.checks.check_replacing_write(W, U, b)
    assert capsys.readouterr().out.count("Correct: Exercise 2") == 2


def _changed(array_index, row, column, value):
    weights = list(_replacing_weights())
    weights[array_index] = weights[array_index].copy()
    if row is None:
        weights[array_index][column] = value
    else:
        weights[array_index][row, column] = value
    return weights


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (_hand_weights(), r"the cell added the new content to what it held \(.* instead of"),
        (_changed(0, VALUE, 2, 2.0), r"the cell holds .*, expected the written content"),
        (_changed(0, HOLIDAY_OVER, 1, 0.0), "'holiday over' at step .* should wipe the cell"),
        (_changed(2, None, 1, 2.0), "no write and no 'holiday over' happen, so the cell should"),
        (_changed(0, READ, 3, 0.0), r"the read at step .* should show tanh\(c\)"),
        (_changed(2, None, 3, 10.0), "there is no read, so the output should be 0"),
        ((np.zeros((4, 3)), np.zeros((1, 4)), np.zeros(4)), r"W has shape \(4, 3\), expected"),
        ((np.zeros((4, 4)), np.zeros((1, 4)), "b"), "b is text"),
    ],
)
def test_check_replacing_write_says_what_goes_wrong(weights, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_replacing_write(*weights)
    assert "Hint: the update is c = f * c_prev + i * g: at a write" in str(error.value)


def _counting_weights():
    W, U, b = np.zeros((4, 8)), np.zeros((2, 8)), np.zeros(8)
    hand_W, _, hand_b = _hand_weights()
    W[:, 0::2], b[0::2] = hand_W, hand_b
    W[WRITE, 1], b[1] = 20.0, -10.0
    b[3] = 10.0
    b[5] = 10.0
    return W, U, b


def _counting_changed(change):
    W, U, b = _counting_weights()
    change(W, U, b)
    return W, U, b


def test_check_counting_unit_accepts_both_memories(capsys):
    tu.checks.check_counting_unit(*_counting_weights())
    replacing = _counting_changed(lambda W, U, b: W.__setitem__((WRITE, 2), -20.0))
    tu.checks.check_counting_unit(*replacing)
    assert capsys.readouterr().out.count("Correct: Exercise 3") == 2


def _swap_units(W, U, b):
    W[:] = W[:, [1, 0, 3, 2, 5, 4, 7, 6]]
    b[:] = b[[1, 0, 3, 2, 5, 4, 7, 6]]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda W, U, b: W.__setitem__((HOLIDAY_OVER, 3), -20.0), "the count drops to 0"),
        (lambda W, U, b: W.__setitem__((WRITE, 3), -20.0), r"unit 1 holds 1.00, not \d"),
        (
            lambda W, U, b: (b.__setitem__(5, 0.0), W.__setitem__((VALUE, 5), 1.0)),
            "to unit 1's cell, not 1",
        ),
        (lambda W, U, b: W.__setitem__((slice(None), 1), 0.0), "unit 1's cell state stays at 0"),
        (_swap_units, "unit 0 counts the writes, not unit 1"),
        (lambda W, U, b: b.__setitem__(3, 1.0), "between writes its cell must keep its value"),
        (
            lambda W, U, b: W.__setitem__((READ, 6), 0.0),
            r"unit 0 no longer works as the notebook's memory: the read at step",
        ),
    ],
)
def test_check_counting_unit_says_what_goes_wrong(change, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_counting_unit(*_counting_changed(change))
    assert "Hint: with two units each gate's block holds one column per unit" in str(error.value)


def test_check_counting_unit_needs_two_units():
    with pytest.raises(CheckFailed, match=r"W has shape \(4, 4\), expected \(4, 8\).*2 units"):
        tu.checks.check_counting_unit(*_hand_weights())


def _lstm_params(inputs, units):
    return 4 * units * (inputs + units + 1)


def test_check_stacked_param_count_agrees_with_keras(capsys):
    import keras

    def count(num_features, units_first, units_second):
        return (
            _lstm_params(num_features, units_first)
            + _lstm_params(units_first, units_second)
            + (units_second + 1)
        )

    model = keras.Sequential(
        [
            keras.Input(shape=(7, 3)),
            keras.layers.LSTM(5, return_sequences=True),
            keras.layers.LSTM(4),
            keras.layers.Dense(1),
        ]
    )
    assert count(3, 5, 4) == model.count_params()
    tu.checks.check_stacked_param_count(count)
    assert capsys.readouterr().out.startswith("Correct: Exercise 4")


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda f, u, v: _lstm_params(f, u) + _lstm_params(u, v), "left out the Dense layer"),
        (
            lambda f, u, v: _lstm_params(f, u) + _lstm_params(f, v) + v + 1,
            "its input has units_first features, not num_features",
        ),
        (lambda f, u, v: 4 * u * (f + u) + 4 * v * (u + v) + v, "left out the biases"),
        (
            lambda f, u, v: u * (f + u + 1) + v * (u + v + 1) + v + 1,
            "four sets of weights, one per gate",
        ),
        (lambda f, u, v: 4 * u * (f + 1) + 4 * v * (u + 1) + v + 1, "left out the recurrent"),
        (lambda f, u, v: 0, "values differ by up to"),
    ],
)
def test_check_stacked_param_count_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_stacked_param_count(function)
    assert "Hint: count layer by layer" in str(error.value)


def _cell_step(x_t, h_prev, c_prev, W, U, b, order="ifgo", forget=_sigmoid, cell=np.tanh):
    z = dict(zip(order, np.split(x_t @ W + h_prev @ U + b, 4, axis=1), strict=True))
    c = forget(z["f"]) * c_prev + _sigmoid(z["i"]) * np.tanh(z["g"])
    return _sigmoid(z["o"]) * cell(c), c


def test_check_lstm_cell_step_accepts_pairs_and_the_package_step(capsys):
    tu.checks.check_lstm_cell_step(_cell_step)
    tu.checks.check_lstm_cell_step(tu.lstm_cell_step)  # (h, c, gates) is accepted
    assert capsys.readouterr().out.count("Correct: Exercise 5") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (
            lambda *a: _cell_step(*a, order="igfo"),
            "in the order i, g, f, o; Keras stores them as i, f, g, o",
        ),
        (lambda *a: _cell_step(*a, forget=lambda z: z), "forget gate before the sigmoid"),
        (lambda *a: _cell_step(*a, cell=lambda c: c), r"you used h = o \* c"),
        (lambda *a: _cell_step(*a)[::-1], "you return c, h: return h first"),
        (lambda *a: _cell_step(*a)[0], "returns h alone"),
        (lambda *a: _cell_step(*a)[0] + 1, r"returns one ndarray of shape .*: return the pair"),
        (lambda *a: (*_cell_step(*a), 0, 0), "returns 4 items"),
        (lambda *a: (_cell_step(*a)[0], 2 * _cell_step(*a)[1]), "values differ by up to"),
    ],
)
def test_check_lstm_cell_step_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_lstm_cell_step(function)
    assert "Hint: one step mixes the input and the previous h" in str(error.value)


def test_check_lstm_cell_step_says_in_one_line_that_the_stub_is_unanswered():
    def stub(*arguments):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_lstm_cell_step(stub)
