import keras
import numpy as np
import pytest
import tensorflow as tf

import tutorial_utils as tu


def _simple_rnn(weights, return_sequences=False):
    layer = keras.layers.SimpleRNN(
        weights[1].shape[0], return_sequences=return_sequences, dtype="float64"
    )
    layer.build((None, None, weights[0].shape[0]))
    layer.set_weights(weights)
    return layer


def test_matches_the_jacobian_product_by_hand():
    rng = np.random.default_rng(0)
    num_steps, units = 9, 4
    x = rng.normal(size=(3, num_steps, 2))
    W_x, W_h, b = rng.normal(size=(2, units)), tu.random_recurrent_matrix(units, 0.9), np.zeros(4)
    norms = tu.input_gradient_norms(_simple_rnn([W_x, W_h, b]), x)
    assert norms.shape == (num_steps,) and norms.dtype == np.float64
    expected = np.zeros(num_steps)
    for sequence in tu.rnn_forward(x, W_x, W_h, b):
        product = np.eye(units)  # dh_T/dh_t, built up from t = T backwards
        for lag in range(num_steps):
            step = num_steps - 1 - lag
            jacobian = product @ ((1 - sequence[step] ** 2)[:, None] * W_x.T)  # dh_T/dx_t
            expected[lag] += np.linalg.norm(jacobian) / len(x)
            product = product @ ((1 - sequence[step] ** 2)[:, None] * W_h.T)
    np.testing.assert_allclose(norms, expected, rtol=1e-10)
    with_sequences = _simple_rnn([W_x, W_h, b], return_sequences=True)
    np.testing.assert_allclose(tu.input_gradient_norms(with_sequences, x), expected, rtol=1e-10)


def test_lag_order_and_a_model_with_one_output():
    weights = tf.constant([[1.0, 0.0], [0.0, 2.0], [3.0, 4.0]])  # (T, F)

    def weighted_sum(inputs):  # y_d = sum_t weights[t, d] * x[t, d]: dy/dx_t = diag(weights[t])
        return tf.reduce_sum(inputs * weights, axis=1)

    norms = tu.input_gradient_norms(weighted_sum, np.ones((2, 3, 2)))
    np.testing.assert_allclose(norms, [5.0, 2.0, 1.0])  # lag 0 is the last step
    model = keras.Sequential([keras.Input((5, 1)), keras.layers.LSTM(3), keras.layers.Dense(1)])
    x = np.random.default_rng(1).normal(size=(4, 5, 1))
    inputs = tf.constant(x, dtype="float32")
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = model(inputs)
    gradient = np.abs(tape.gradient(outputs, inputs).numpy()[:, ::-1, 0])
    np.testing.assert_allclose(tu.input_gradient_norms(model, x), gradient.mean(axis=0), rtol=1e-5)


@pytest.mark.parametrize(
    ("model", "x", "error", "message"),
    [
        ("LSTM", np.zeros((2, 3, 1)), TypeError, "model must be a Keras model or layer"),
        (lambda inputs: inputs, np.zeros((3, 1)), ValueError, r"x must be 3-D \(N, T, F\)"),
        (lambda inputs: [inputs], np.zeros((2, 3, 1)), TypeError, "must return one tensor"),
        (lambda inputs: inputs[:, 0, 0], np.zeros((2, 3, 1)), ValueError, r"\(N, D\) or"),
        (lambda inputs: inputs, np.full((2, 3, 1), np.nan), ValueError, "x contains NaN"),
    ],
)
def test_bad_input(model, x, error, message):
    with pytest.raises(error, match=message):
        tu.input_gradient_norms(model, x)
