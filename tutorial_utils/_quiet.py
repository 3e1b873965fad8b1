"""Known, harmless library messages, silenced one by one by their exact text."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

NUMPY2_COPY_WARNING = "__array__ implementation doesn't accept a copy keyword"


@contextmanager
def quiet_numpy2_copy_warning() -> Iterator[None]:
    """Drop the NumPy 2 DeprecationWarning that Keras 3.12 triggers while it fits and saves.

    Keras 3.12 turns TensorFlow tensors and variables into arrays with ``np.array(x)`` while it
    traces the training step, restores the best weights and saves a model, which NumPy 2 reports
    as "__array__ implementation doesn't accept a copy keyword". The results are correct and the
    fix belongs to Keras, so that one message (and nothing else) is silenced.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=NUMPY2_COPY_WARNING, category=DeprecationWarning)
        yield


@contextmanager
def quiet_retracing() -> Iterator[None]:
    """Drop TensorFlow's "triggered tf.function retracing" log message.

    Every fit builds a new model, so its first prediction traces a new TensorFlow function;
    after a few models TensorFlow logs a warning about "frequent retracing". That retracing is
    expected here, so this one message (and nothing else) is dropped.
    """
    logger = logging.getLogger("tensorflow")

    def keep(record: logging.LogRecord) -> bool:
        return "triggered tf.function retracing" not in record.getMessage()

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
