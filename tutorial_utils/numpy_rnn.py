"""A simple RNN in NumPy and the Jacobian products of backpropagation through time, by hand.

Introduced in notebook 01.

Keras's weight layout and row-vector convention, the same as :mod:`tutorial_utils.numpy_lstm`:
``h_t = tanh(x_t W_x + h_{t-1} W_h + b)`` with ``W_x`` of shape ``(F, U)`` (Keras's ``kernel``),
``W_h`` of shape ``(U, U)`` (``recurrent_kernel``) and ``b`` of shape ``(U,)``. The Jacobian of one
step is ``dh_t/dh_{t-1} = diag(1 - h_t**2) W_h^T``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_finite_array, check_positive_int


def random_recurrent_matrix(units: int, spectral_radius: float, seed: int = 0) -> np.ndarray:
    """Draw a random ``(units, units)`` matrix and rescale it to a given spectral radius.

    The spectral radius is the largest absolute eigenvalue: how much repeated multiplication by
    the matrix grows or shrinks a vector in the long run.

    Parameters
    ----------
    units : int
        Number of hidden units ``U``.
    spectral_radius : float
        The largest absolute eigenvalue of the result (> 0).
    seed : int, default 0
        Seed of the draw.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(units, units)``.
    """
    units = check_positive_int(units, "units")
    if not np.isfinite(spectral_radius) or spectral_radius <= 0:
        raise ValueError(f"spectral_radius must be a positive number, got {spectral_radius}")
    matrix = np.random.default_rng(seed).normal(size=(units, units))
    return matrix * (spectral_radius / np.max(np.abs(np.linalg.eigvals(matrix))))


def rnn_forward(
    x: ArrayLike,
    W_x: ArrayLike,
    W_h: ArrayLike,
    b: ArrayLike,
    h0: ArrayLike | None = None,
) -> np.ndarray:
    """Run a simple RNN over a batch of sequences.

    Parameters
    ----------
    x : array_like
        Inputs, shape ``(N, T, F)``.
    W_x : array_like
        Input weights, shape ``(F, U)``.
    W_h : array_like
        Recurrent weights, shape ``(U, U)``.
    b : array_like
        Bias, shape ``(U,)``.
    h0 : array_like, optional
        Initial state, shape ``(N, U)``; zeros when omitted.

    Returns
    -------
    numpy.ndarray
        Hidden states ``h_1 .. h_T``, float64, shape ``(N, T, U)``.
    """
    x = as_finite_array(x, "x", max_ndim=3)
    if x.ndim != 3:
        raise ValueError(f"x must be 3-D (N, T, F), got shape {x.shape}; add axes with x[None]")
    num_sequences, num_steps, num_features = x.shape
    W_x = as_finite_array(W_x, "W_x")
    W_h = as_finite_array(W_h, "W_h")
    b = as_finite_array(b, "b", max_ndim=1)
    units = W_h.shape[0]
    expected = {"W_x": (num_features, units), "W_h": (units, units), "b": (units,)}
    for name, array in (("W_x", W_x), ("W_h", W_h), ("b", b)):
        if array.shape != expected[name]:
            raise ValueError(
                f"{name} must have shape {expected[name]} for F={num_features} inputs and "
                f"U={units} units, got {array.shape}"
            )
    h = np.zeros((num_sequences, units)) if h0 is None else as_finite_array(h0, "h0")
    if h.shape != (num_sequences, units):
        raise ValueError(f"h0 must have shape {(num_sequences, units)}, got {h.shape}")
    states = np.empty((num_sequences, num_steps, units))
    for t in range(num_steps):
        h = np.tanh(x[:, t] @ W_x + h @ W_h + b)
        states[:, t] = h
    return states


def rnn_gradient_norms(h: ArrayLike, W_h: ArrayLike) -> np.ndarray:
    """How much the last state depends on each earlier one: BPTT's Jacobian products, by hand.

    ``dh_T/dh_t`` is the product of the step Jacobians ``diag(1 - h_k**2) W_h^T`` for
    ``k = T, T-1, ..., t+1``. Its spectral norm (largest singular value) measures how strongly a
    change in ``h_t`` can still move ``h_T``, and so how much gradient reaches step ``t``.

    Parameters
    ----------
    h : array_like
        Hidden states of one sequence, ``h_1 .. h_T``, shape ``(T, U)`` (one row of the output of
        :func:`rnn_forward`).
    W_h : array_like
        Recurrent weights, shape ``(U, U)``.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(T,)``: entry ``k`` is ``||dh_T / dh_{T-k}||_2``, so entry 0 is 1 (the
        identity) and entry ``k`` is the gradient ``k`` steps back.
    """
    h = as_finite_array(h, "h")
    W_h = as_finite_array(W_h, "W_h")
    if h.ndim != 2 or W_h.shape != (h.shape[1], h.shape[1]):
        raise ValueError(
            f"h must be (T, U) and W_h (U, U) with the same U, got {h.shape} and {W_h.shape}"
        )
    num_steps, units = h.shape
    norms = np.empty(num_steps)
    product = np.eye(units)
    norms[0] = 1.0
    for lag in range(1, num_steps):
        step = num_steps - lag  # index of h_k in h, k = T - lag + 1 in the maths' 1-based count
        product = product @ ((1 - h[step] ** 2)[:, np.newaxis] * W_h.T)
        norms[lag] = np.linalg.norm(product, ord=2)
    return norms
