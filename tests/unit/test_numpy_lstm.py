import keras
import numpy as np
import pytest

import tutorial_utils as tu

SHAPES = [  # (N, T, F, U)
    (1, 1, 1, 1),
    (3, 7, 2, 5),
    (4, 12, 1, 8),
    (2, 25, 6, 3),
    (5, 4, 3, 16),
]


def _random_lstm(num_features, units, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(scale=0.5, size=(num_features, 4 * units))
    U = rng.normal(scale=0.5, size=(units, 4 * units))
    b = rng.normal(scale=0.5, size=4 * units)
    return W, U, b


def _keras_lstm(weights, num_steps, num_features):
    layer = keras.layers.LSTM(
        weights[1].shape[0], return_sequences=True, return_state=True, dtype="float64"
    )
    layer.build((None, num_steps, num_features))
    layer.set_weights(list(weights))
    return layer


@pytest.mark.parametrize("with_state", [False, True], ids=["zero_state", "initial_state"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: "N{}-T{}-F{}-U{}".format(*shape))
def test_forward_matches_keras_lstm(shape, with_state):
    num_sequences, num_steps, num_features, units = shape
    seed = sum(shape) + with_state
    rng = np.random.default_rng(seed)
    weights = _random_lstm(num_features, units, seed)
    x = rng.normal(size=(num_sequences, num_steps, num_features))
    layer = _keras_lstm(weights, num_steps, num_features)
    if with_state:
        h0, c0 = rng.normal(size=(2, num_sequences, units))
        expected = layer(x, initial_state=[h0, c0])
        outputs, h_T, c_T = tu.lstm_forward(x, *weights, h0=h0, c0=c0)
    else:
        expected = layer(x)
        outputs, h_T, c_T = tu.lstm_forward(x, *weights)
    expected_outputs, expected_h, expected_c = (np.asarray(part) for part in expected)
    assert outputs.shape == (num_sequences, num_steps, units)
    assert outputs.dtype == np.float64
    np.testing.assert_allclose(outputs, expected_outputs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(h_T, expected_h, rtol=0, atol=1e-6)
    np.testing.assert_allclose(c_T, expected_c, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(h_T, outputs[:, -1])


def test_zero_initial_state_is_the_default():
    rng = np.random.default_rng(0)
    weights = _random_lstm(2, 4, seed=0)
    x = rng.normal(size=(3, 6, 2))
    zeros = np.zeros((3, 4))
    for default, explicit in zip(
        tu.lstm_forward(x, *weights), tu.lstm_forward(x, *weights, h0=zeros, c0=zeros), strict=True
    ):
        np.testing.assert_array_equal(default, explicit)


@pytest.mark.parametrize("shape", SHAPES[1:3], ids=lambda shape: "N{}-T{}-F{}-U{}".format(*shape))
def test_cell_step_matches_keras_lstm_cell(shape):
    num_sequences, _, num_features, units = shape
    rng = np.random.default_rng(7)
    weights = _random_lstm(num_features, units, seed=7)
    x_t = rng.normal(size=(num_sequences, num_features))
    h_prev, c_prev = rng.normal(size=(2, num_sequences, units))
    cell = keras.layers.LSTMCell(units, dtype="float64")
    cell.build((None, num_features))
    cell.set_weights(list(weights))
    expected_h, (_, expected_c) = cell(x_t, [h_prev, c_prev])
    h, c, gates = tu.lstm_cell_step(x_t, h_prev, c_prev, *weights)
    np.testing.assert_allclose(h, np.asarray(expected_h), rtol=0, atol=1e-6)
    np.testing.assert_allclose(c, np.asarray(expected_c), rtol=0, atol=1e-6)
    assert sorted(gates) == ["f", "g", "i", "o"]
    for name, gate in gates.items():
        assert gate.shape == (num_sequences, units), name
    for name in ("i", "f", "o"):
        assert np.all((gates[name] > 0) & (gates[name] < 1)), name
    assert np.all(np.abs(gates["g"]) < 1)


def test_gates_follow_keras_block_order_and_equations():
    # One unit, no recurrence, each gate driven by its own bias block: i, f, g, o.
    W, U = np.zeros((1, 4)), np.zeros((1, 4))
    b = np.array([-1.0, 2.0, 0.5, 3.0])
    x_t, h_prev, c_prev = np.zeros((1, 1)), np.zeros((1, 1)), np.array([[0.8]])
    h, c, gates = tu.lstm_cell_step(x_t, h_prev, c_prev, W, U, b)

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    expected = {"i": sigmoid(-1.0), "f": sigmoid(2.0), "g": np.tanh(0.5), "o": sigmoid(3.0)}
    for name, value in expected.items():
        assert gates[name][0, 0] == pytest.approx(value, rel=1e-12), name
    expected_c = expected["f"] * 0.8 + expected["i"] * expected["g"]
    assert c[0, 0] == pytest.approx(expected_c, rel=1e-12)
    assert h[0, 0] == pytest.approx(expected["o"] * np.tanh(expected_c), rel=1e-12)


def test_forward_gates_agree_with_cell_steps():
    rng = np.random.default_rng(3)
    weights = _random_lstm(3, 4, seed=3)
    x = rng.normal(size=(2, 5, 3))
    outputs, h_T, c_T, gates = tu.lstm_forward(x, *weights, return_gates=True)
    assert sorted(gates) == ["f", "g", "i", "o"]
    h, c = np.zeros((2, 4)), np.zeros((2, 4))
    for t in range(5):
        h, c, step_gates = tu.lstm_cell_step(x[:, t], h, c, *weights)
        np.testing.assert_array_equal(outputs[:, t], h)
        for name in gates:
            np.testing.assert_array_equal(gates[name][:, t], step_gates[name])
    np.testing.assert_array_equal(c_T, c)
    assert len(tu.lstm_forward(x, *weights)) == 3


def test_saturated_gates_stay_finite_and_silent():
    weights = _random_lstm(1, 2, seed=4)
    x = np.full((1, 3, 1), 1e4)
    with np.errstate(all="raise"):
        outputs, _, c_T = tu.lstm_forward(x, *weights)
    assert np.isfinite(outputs).all() and np.isfinite(c_T).all()


def test_accepts_keras_float32_weights():
    layer = keras.layers.LSTM(3)
    layer.build((None, 4, 2))
    x = np.random.default_rng(5).normal(size=(2, 4, 2)).astype("float32")
    _, h_T, _ = tu.lstm_forward(x, *layer.get_weights())
    np.testing.assert_allclose(h_T, np.asarray(layer(x)), rtol=0, atol=1e-5)


F, UNITS = 2, 3
GOOD = {
    "W": np.zeros((F, 4 * UNITS)),
    "U": np.zeros((UNITS, 4 * UNITS)),
    "b": np.zeros(4 * UNITS),
}


def _forward(**changes):
    arguments = {"x": np.zeros((4, 5, F)), **GOOD, **changes}
    return lambda: tu.lstm_forward(**arguments)


def _cell_step(**changes):
    state = np.zeros((4, UNITS))
    arguments = {"x_t": np.zeros((4, F)), "h_prev": state, "c_prev": state, **GOOD, **changes}
    return lambda: tu.lstm_cell_step(**arguments)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (_forward(x=np.zeros((5, F))), ValueError, r"x must be 3-D \(N, T, F\)"),
        (_forward(x=np.zeros((1, 4, 5, F))), ValueError, r"x must be 3-D \(N, T, F\)"),
        (_forward(x=np.zeros((4, 5, F + 1))), ValueError, r"W \(the kernel\) must have shape"),
        (_forward(W=np.zeros((F, UNITS))), ValueError, r"= \(2, 12\) for inputs with F=2"),
        (_forward(U=np.zeros((UNITS, UNITS))), ValueError, r"U \(the recurrent kernel\)"),
        (_forward(U=np.zeros(4 * UNITS)), ValueError, r"U \(the recurrent kernel\)"),
        (_forward(b=np.zeros(UNITS)), ValueError, r"b \(the bias\) must have shape \(4 \* units"),
        (_forward(h0=np.zeros((3, UNITS))), ValueError, r"h0 must have shape \(N, units\)"),
        (_forward(c0=np.zeros((4, UNITS + 1))), ValueError, r"c0 must have shape"),
        (_forward(return_gates="yes"), TypeError, "return_gates must be True or False"),
        (_forward(x=np.full((4, 5, F), "a")), TypeError, "x must hold numbers"),
        (_forward(W=np.full((F, 4 * UNITS), np.nan)), ValueError, "W contains NaN"),
        (_cell_step(x_t=np.zeros((4, 5, F))), ValueError, r"x_t must be 2-D \(N, F\)"),
        (_cell_step(x_t=np.zeros(F)), ValueError, r"x_t must be 2-D \(N, F\)"),
        (_cell_step(x_t=np.zeros((4, F + 1))), ValueError, "for inputs with F=3 features"),
        (_cell_step(h_prev=np.zeros((4, UNITS + 1))), ValueError, "h_prev must have shape"),
        (_cell_step(c_prev=np.zeros((1, UNITS))), ValueError, "c_prev must have shape"),
        (_cell_step(b=np.zeros((4 * UNITS, 1))), ValueError, r"b \(the bias\) must have shape"),
        (_cell_step(h_prev=None), TypeError, r"h_prev is required; .* np.zeros\(\(4, 3\)\)"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
