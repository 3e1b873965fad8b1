"""How far back a Keras recurrent model's gradient reaches, measured. Introduced in notebook 01.

Backpropagation through time sends the error at the last step back to every earlier input. The
size of ``d y_T / d x_t`` against the lag ``T - t`` shows how much an input seen long ago can still
change the output, and so how much a training step can learn from it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array


def input_gradient_norms(model: Callable, x: ArrayLike) -> np.ndarray:
    """Measure ``||d y_T / d x_{T-k}||`` for every lag ``k`` with ``tf.GradientTape``.

    ``y_T`` is the model's output after the last step. For each sequence the Jacobian of ``y_T``
    with respect to the input at step ``T - k`` is taken, its Frobenius norm computed, and the
    norms averaged over the sequences.

    Parameters
    ----------
    model : keras.Model or keras.layers.Layer
        Maps inputs of shape ``(N, T, F)`` to outputs of shape ``(N, D)`` (the last step's output)
        or ``(N, T, D)`` (a layer with ``return_sequences=True``: its last step is used).
    x : array_like
        Inputs, shape ``(N, T, F)``.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(T,)``: entry ``k`` is the mean over the ``N`` sequences of
        ``||d y_T / d x_{T-k}||``, so entry 0 belongs to the last input and entry ``T - 1`` to the
        first, the same order as :func:`tutorial_utils.rnn_gradient_norms`.
    """
    if not callable(model):
        raise TypeError(
            f"model must be a Keras model or layer (something to call on x), got {model!r}"
        )
    x = as_finite_array(x, "x", max_ndim=3)
    if x.ndim != 3:
        raise ValueError(f"x must be 3-D (N, T, F), got shape {x.shape}; add axes with x[None]")
    import tensorflow as tf  # imported here so that importing tutorial_utils stays light

    dtype = getattr(model, "compute_dtype", None) or "float32"
    num_sequences, num_steps, _ = x.shape
    # Sequences do not interact, so one backward pass can take the whole Jacobian: repeat each
    # sequence once per output unit d and send the gradient of unit d back from copy d.
    num_outputs = _last_output(model, tf.convert_to_tensor(x[:1], dtype=dtype), x.shape).shape[1]
    inputs = tf.repeat(tf.convert_to_tensor(x, dtype=dtype), num_outputs, axis=0)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = _last_output(model, inputs, x.shape)
    pick = tf.tile(tf.eye(num_outputs, dtype=outputs.dtype), [num_sequences, 1])
    gradient = tape.gradient(outputs, inputs, output_gradients=pick).numpy().astype(np.float64)
    squares = (gradient**2).sum(axis=2).reshape(num_sequences, num_outputs, num_steps)
    norms = np.sqrt(squares.sum(axis=1)).mean(axis=0)  # (T,), first step first
    return norms[::-1].copy()


def _last_output(model: Callable, inputs: object, x_shape: tuple[int, ...]) -> object:
    """Call ``model`` and return its output after the last step, shape ``(N, D)``."""
    outputs = model(inputs)
    if not hasattr(outputs, "shape") or isinstance(outputs, (list, tuple, dict)):
        raise TypeError(
            f"model must return one tensor, got {type(outputs).__name__}; "
            "measure one output at a time"
        )
    if len(outputs.shape) == 3:
        outputs = outputs[:, -1]
    if len(outputs.shape) != 2 or outputs.shape[0] != inputs.shape[0]:
        raise ValueError(
            f"model must map x of shape {x_shape} to (N, D) or (N, T, D), "
            f"got output shape {tuple(outputs.shape)} for {inputs.shape[0]} sequences"
        )
    return outputs
