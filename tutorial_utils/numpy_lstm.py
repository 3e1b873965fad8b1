"""An LSTM in NumPy with Keras's weight layout. Introduced in notebook 02.

The maths symbols of the text are used as names. For a batch of ``N`` sequences with ``F``
features and a layer of ``U`` units, one step reads (row vectors, ``*`` element-wise)::

    i = sigmoid(x_t W_i + h_prev U_i + b_i)    input gate: how much of g to write
    f = sigmoid(x_t W_f + h_prev U_f + b_f)    forget gate: how much of c_prev to keep
    g = tanh(x_t W_g + h_prev U_g + b_g)       candidate values (Keras calls this gate "c")
    o = sigmoid(x_t W_o + h_prev U_o + b_o)    output gate: how much of the cell to show
    c = f * c_prev + i * g                     the new cell state
    h = o * tanh(c)                            the new hidden state (the layer's output)

As in ``keras.layers.LSTM``, the four gates' weights sit side by side in the order i, f, g, o:
``W = [W_i | W_f | W_g | W_o]`` of shape ``(F, 4U)`` (Keras's ``kernel``), ``U`` of shape
``(U, 4U)`` (``recurrent_kernel``) and ``b`` of shape ``(4U,)`` (``bias``), so that
``layer.get_weights()`` gives ``[W, U, b]`` ready to pass here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array

GATE_NAMES = ("i", "f", "g", "o")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # 1 / (1 + exp(-z)) written with tanh: the same function, without overflow warnings.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _check_weights(
    W: ArrayLike, U: ArrayLike, b: ArrayLike, num_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``W, U, b`` as float64 after checking their shapes against each other and ``F``."""
    U_shape = np.shape(U)
    if len(U_shape) != 2 or U_shape[1] != 4 * U_shape[0]:
        raise ValueError(
            f"U (the recurrent kernel) must have shape (units, 4 * units), got {U_shape}; "
            "pass layer.get_weights()[1] of a keras.layers.LSTM"
        )
    units = U_shape[0]
    if np.shape(W) != (num_features, 4 * units):
        raise ValueError(
            f"W (the kernel) must have shape (F, 4 * units) = {(num_features, 4 * units)} for "
            f"inputs with F={num_features} features and U of shape {U_shape}, got "
            f"{np.shape(W)}; check that the inputs have their features on the last axis"
        )
    if np.shape(b) != (4 * units,):
        raise ValueError(
            f"b (the bias) must have shape (4 * units,) = {(4 * units,)}, got {np.shape(b)}"
        )
    return as_finite_array(W, "W"), as_finite_array(U, "U"), as_finite_array(b, "b", max_ndim=1)


def _check_state(state: ArrayLike | None, name: str, shape: tuple[int, int]) -> np.ndarray:
    if state is None:
        return np.zeros(shape)
    if np.shape(state) != shape:
        raise ValueError(
            f"{name} must have shape (N, units) = {shape}, got {np.shape(state)}; "
            "pass one row of state per sequence in the batch"
        )
    return as_finite_array(state, name)


def _step(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    W: np.ndarray,
    U: np.ndarray,
    b: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    z = x_t @ W + h_prev @ U + b
    z_i, z_f, z_g, z_o = np.split(z, 4, axis=1)
    gates = {"i": _sigmoid(z_i), "f": _sigmoid(z_f), "g": np.tanh(z_g), "o": _sigmoid(z_o)}
    c = gates["f"] * c_prev + gates["i"] * gates["g"]
    h = gates["o"] * np.tanh(c)
    return h, c, gates


def lstm_cell_step(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    W: ArrayLike,
    U: ArrayLike,
    b: ArrayLike,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Advance an LSTM cell by one time step for a batch of sequences.

    Computes the gates ``i, f, g, o``, then ``c = f * c_prev + i * g`` and ``h = o * tanh(c)``
    (see the module docstring for the equations). Introduced in notebook 02.

    Parameters
    ----------
    x_t : array_like
        Inputs at this step, shape ``(N, F)``.
    h_prev : array_like
        Hidden state from the previous step, ``h_{t-1}``, shape ``(N, U)``.
    c_prev : array_like
        Cell state from the previous step, ``c_{t-1}``, shape ``(N, U)``.
    W : array_like
        Input weights (Keras's ``kernel``), shape ``(F, 4U)``, gate blocks in the order i, f, g, o.
    U : array_like
        Recurrent weights (Keras's ``recurrent_kernel``), shape ``(U, 4U)``, same block order.
    b : array_like
        Bias, shape ``(4U,)``, same block order.

    Returns
    -------
    h : numpy.ndarray
        New hidden state ``h_t``, float64, shape ``(N, U)``.
    c : numpy.ndarray
        New cell state ``c_t``, float64, shape ``(N, U)``.
    gates : dict of str to numpy.ndarray
        The activations ``"i"``, ``"f"``, ``"g"`` and ``"o"``, each float64 of shape ``(N, U)``.
    """
    if np.ndim(x_t) != 2:
        raise ValueError(
            f"x_t must be 2-D (N, F), got shape {np.shape(x_t)}; for one sequence use x_t[None]"
        )
    x_t = as_finite_array(x_t, "x_t")
    W, U, b = _check_weights(W, U, b, num_features=x_t.shape[1])
    shape = (x_t.shape[0], U.shape[0])
    for name, state in (("h_prev", h_prev), ("c_prev", c_prev)):
        if state is None:
            raise TypeError(f"{name} is required; for the first step pass np.zeros({shape})")
    h_prev = _check_state(h_prev, "h_prev", shape)
    c_prev = _check_state(c_prev, "c_prev", shape)
    return _step(x_t, h_prev, c_prev, W, U, b)


def lstm_forward(
    x: ArrayLike,
    W: ArrayLike,
    U: ArrayLike,
    b: ArrayLike,
    h0: ArrayLike | None = None,
    c0: ArrayLike | None = None,
    return_gates: bool = False,
) -> (
    tuple[np.ndarray, np.ndarray, np.ndarray]
    | tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray]]
):
    """Run an LSTM over a batch of sequences, one :func:`lstm_cell_step` per time step.

    Gives what ``keras.layers.LSTM(U, return_sequences=True, return_state=True)`` gives with
    weights ``[W, U, b]``. Introduced in notebook 02.

    Parameters
    ----------
    x : array_like
        Inputs, shape ``(N, T, F)``.
    W : array_like
        Input weights (Keras's ``kernel``), shape ``(F, 4U)``, gate blocks in the order i, f, g, o.
    U : array_like
        Recurrent weights (Keras's ``recurrent_kernel``), shape ``(U, 4U)``.
    b : array_like
        Bias, shape ``(4U,)``.
    h0, c0 : array_like, optional
        Initial hidden and cell states, each shape ``(N, U)``; zeros when omitted.
    return_gates : bool, default False
        Also return the gate activations at every step.

    Returns
    -------
    outputs : numpy.ndarray
        Hidden states ``h_1 .. h_T``, float64, shape ``(N, T, U)``.
    h_T : numpy.ndarray
        Last hidden state, shape ``(N, U)`` (equal to ``outputs[:, -1]``).
    c_T : numpy.ndarray
        Last cell state, shape ``(N, U)``.
    gates : dict of str to numpy.ndarray
        Only when ``return_gates=True``: ``"i"``, ``"f"``, ``"g"``, ``"o"``, each of shape
        ``(N, T, U)``.
    """
    if np.ndim(x) != 3:
        raise ValueError(
            f"x must be 3-D (N, T, F), got shape {np.shape(x)}; for one sequence of shape "
            "(T, F) use x[None], for (N, T) with one feature use x[..., None]"
        )
    x = as_finite_array(x, "x", max_ndim=3)
    if not isinstance(return_gates, (bool, np.bool_)):
        raise TypeError(f"return_gates must be True or False, got {return_gates!r}")
    num_sequences, num_steps, num_features = x.shape
    W, U, b = _check_weights(W, U, b, num_features=num_features)
    units = U.shape[0]
    h = _check_state(h0, "h0", (num_sequences, units))
    c = _check_state(c0, "c0", (num_sequences, units))
    outputs = np.empty((num_sequences, num_steps, units))
    gate_history = {name: np.empty_like(outputs) for name in GATE_NAMES} if return_gates else {}
    for t in range(num_steps):
        h, c, gates = _step(x[:, t], h, c, W, U, b)
        outputs[:, t] = h
        for name in gate_history:
            gate_history[name][:, t] = gates[name]
    if return_gates:
        return outputs, h, c, gate_history
    return outputs, h, c
