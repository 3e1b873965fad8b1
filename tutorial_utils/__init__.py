"""Helpers for the notebook series "LSTM Forecasting, Step by Step".

Each notebook teaches a helper in full, checks it against the version here, then imports it:
``import tutorial_utils as tu``.
"""

from . import checks
from .baselines import (
    drift_forecast,
    fit_linear_autoregression,
    holt_winters_forecast,
    naive_forecast,
    sarima_forecast,
    sarima_one_step_forecast,
    seasonal_naive_forecast,
)
from .datasets import (
    load_airline,
    load_bikeshare,
    load_monthly_csv,
    make_noisy_sine,
    make_recall_task,
)
from .demand import (
    DemandLSTM,
    DemandWindows,
    build_demand_lstm,
    days_as_steps,
    demand_scores,
    make_demand_windows,
    tabular_features,
)
from .differencing import SeasonalDifferencer
from .forecaster import LSTMForecaster, build_lstm_model
from .gradients import input_gradient_norms
from .intervals import (
    conformal_quantile,
    conformal_rank,
    coverage,
    interval_score,
    keras_pinball_loss,
    mean_width,
    pinball_loss,
)
from .metrics import evaluate_forecast, mae, mape, mase, rmse
from .numpy_lstm import lstm_cell_step, lstm_forward
from .numpy_rnn import random_recurrent_matrix, rnn_forward, rnn_gradient_norms
from .plotting import plot_forecast, plot_gradient_norms, plot_history, plot_series
from .recursive import recursive_forecast
from .reproducibility import library_versions, mean_sd, run_over_seeds, seed_everything
from .scaling import inverse_scale, scale_splits
from .sine_experiment import (
    SineData,
    build_sine_lstm,
    fit_with_early_stopping,
    prepare_sine_data,
    run_sine_experiment,
)
from .splits import chronological_split
from .windows import make_covariate_windows, make_windows

__all__ = [
    "DemandLSTM",
    "DemandWindows",
    "LSTMForecaster",
    "SeasonalDifferencer",
    "SineData",
    "build_demand_lstm",
    "build_lstm_model",
    "build_sine_lstm",
    "checks",
    "chronological_split",
    "conformal_quantile",
    "conformal_rank",
    "coverage",
    "days_as_steps",
    "demand_scores",
    "drift_forecast",
    "evaluate_forecast",
    "fit_linear_autoregression",
    "fit_with_early_stopping",
    "holt_winters_forecast",
    "input_gradient_norms",
    "interval_score",
    "inverse_scale",
    "keras_pinball_loss",
    "library_versions",
    "load_airline",
    "load_bikeshare",
    "load_monthly_csv",
    "lstm_cell_step",
    "lstm_forward",
    "mae",
    "make_covariate_windows",
    "make_demand_windows",
    "make_noisy_sine",
    "make_recall_task",
    "make_windows",
    "mape",
    "mase",
    "mean_sd",
    "mean_width",
    "naive_forecast",
    "pinball_loss",
    "plot_forecast",
    "plot_gradient_norms",
    "plot_history",
    "plot_series",
    "prepare_sine_data",
    "random_recurrent_matrix",
    "recursive_forecast",
    "rmse",
    "rnn_forward",
    "rnn_gradient_norms",
    "run_over_seeds",
    "run_sine_experiment",
    "sarima_forecast",
    "sarima_one_step_forecast",
    "scale_splits",
    "seasonal_naive_forecast",
    "seed_everything",
    "tabular_features",
]
