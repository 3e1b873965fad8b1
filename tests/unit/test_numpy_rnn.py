import keras
import numpy as np
import pytest
import tensorflow as tf

import tutorial_utils as tu


def test_spectral_radius():
    matrix = tu.random_recurrent_matrix(16, 0.9, seed=3)
    assert matrix.shape == (16, 16)
    assert np.max(np.abs(np.linalg.eigvals(matrix))) == pytest.approx(0.9)
    np.testing.assert_array_equal(matrix, tu.random_recurrent_matrix(16, 0.9, seed=3))


def test_forward_matches_keras_simple_rnn():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 7, 2))
    W_x, W_h, b = rng.normal(size=(2, 5)), tu.random_recurrent_matrix(5, 0.8), rng.normal(size=5)
    layer = keras.layers.SimpleRNN(5, return_sequences=True, dtype="float64")
    layer.build((None, 7, 2))
    layer.set_weights([W_x, W_h, b])
    np.testing.assert_allclose(tu.rnn_forward(x, W_x, W_h, b), layer(x).numpy(), atol=1e-10)
    h0 = rng.normal(size=(3, 5))
    with_state = keras.layers.SimpleRNN(5, return_sequences=True, dtype="float64")
    with_state.build((None, 7, 2))
    with_state.set_weights([W_x, W_h, b])
    expected = with_state(x, initial_state=[h0]).numpy()
    np.testing.assert_allclose(tu.rnn_forward(x, W_x, W_h, b, h0=h0), expected, atol=1e-10)


@pytest.mark.parametrize("radius", [0.5, 1.5])
def test_gradient_norms_match_automatic_differentiation(radius):
    rng = np.random.default_rng(1)
    num_steps, units = 12, 4
    x = rng.normal(size=(1, num_steps, 3))
    W_x, W_h, b = (
        rng.normal(size=(3, units)),
        tu.random_recurrent_matrix(units, radius),
        np.zeros(units),
    )
    h = tu.rnn_forward(x, W_x, W_h, b)[0]
    norms = tu.rnn_gradient_norms(h, W_h)
    for lag in (1, 5, num_steps - 1):
        start = num_steps - 1 - lag  # h[start] is h_{T-lag}
        h_start = tf.constant(h[start : start + 1])
        with tf.GradientTape() as tape:
            tape.watch(h_start)
            state = h_start
            for t in range(start + 1, num_steps):
                state = tf.tanh(x[:, t] @ W_x + state @ W_h + b)
        jacobian = tape.jacobian(state, h_start).numpy().reshape(units, units)
        assert norms[lag] == pytest.approx(np.linalg.norm(jacobian, ord=2), rel=1e-6)
    assert norms[0] == 1.0


def test_small_radius_vanishes():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(1, 60, 1))
    W_h = tu.random_recurrent_matrix(8, 0.5)
    h = tu.rnn_forward(x, rng.normal(size=(1, 8)), W_h, np.zeros(8))[0]
    norms = tu.rnn_gradient_norms(h, W_h)
    assert norms[50] < 1e-6 * norms[1]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: tu.rnn_forward(
                np.zeros((4, 2)), np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(3)
            ),
            ValueError,
            "x must be 3-D",
        ),
        (
            lambda: tu.rnn_forward(
                np.zeros((1, 4, 2)), np.zeros((3, 3)), np.zeros((3, 3)), np.zeros(3)
            ),
            ValueError,
            r"W_x must have shape \(2, 3\)",
        ),
        (
            lambda: tu.rnn_forward(
                np.zeros((1, 4, 2)), np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(2)
            ),
            ValueError,
            r"b must have shape \(3,\)",
        ),
        (
            lambda: tu.rnn_forward(
                np.zeros((1, 4, 2)),
                np.zeros((2, 3)),
                np.zeros((3, 3)),
                np.zeros(3),
                h0=np.zeros((2, 3)),
            ),
            ValueError,
            "h0 must have shape",
        ),
        (lambda: tu.rnn_gradient_norms(np.zeros((4, 3)), np.zeros((2, 2))), ValueError, "same U"),
        (lambda: tu.random_recurrent_matrix(4, 0.0), ValueError, "spectral_radius must be"),
        (lambda: tu.random_recurrent_matrix(0, 1.0), ValueError, "units must be at least 1"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
