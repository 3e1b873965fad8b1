"""One call to make a notebook reproducible and report what it runs on."""

from __future__ import annotations

import platform

import numpy as np
import pandas as pd
import sklearn
import statsmodels

from ._validation import check_seed


def setup(seed: int = 42) -> dict[str, str]:
    """Seed Python, NumPy and Keras (with its backend) and return the versions in use.

    Every notebook calls this once in its Setup section. Two calls with the same seed make
    the same Keras weights initialisers and the same random draws.

    Parameters
    ----------
    seed : int, default 42
        The seed for ``random``, ``numpy.random`` and the Keras backend.

    Returns
    -------
    dict of str to str
        Versions of Python, NumPy, pandas, scikit-learn, statsmodels, Keras and the Keras
        backend, plus the backend's name.
    """
    seed = check_seed(seed)
    import keras  # imported here so that importing tutorial_utils stays light

    keras.utils.set_random_seed(seed)
    backend = keras.backend.backend()
    backend_module = __import__(backend)
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scikit-learn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "keras": keras.__version__,
        "backend": backend,
        backend: backend_module.__version__,
    }
