"""Self-checks for the exercise notebooks: call one on your answer and it tells you how you did.

A check that takes a function runs it on fresh random inputs against the reference solution, so
it never prints the answer. A right answer prints ``Correct: ...``; a wrong one raises
:class:`CheckFailed` saying what is wrong (wrong shape, values off by how much) with a hint.
One module per teaching notebook; every check is available as ``tu.checks.check_<name>``.
"""

from .airline_forecaster import (
    check_additive_baselines,
    check_mase,
    check_seasonal_naive,
    check_seasonal_naive_with_drift,
)
from .core import (
    CheckFailed,
    check_function,
    check_value,
    compare_arrays,
    correct,
)
from .forecast_intervals import (
    check_conformal_half_width,
    check_interval_score,
    check_pinball_loss,
)
from .lstm_gates import (
    check_counting_unit,
    check_lstm_cell_step,
    check_replacing_write,
    check_stacked_param_count,
    check_steps_below,
)
from .preparing_sequences import (
    check_gap_test_samples,
    check_horizon_prediction,
    check_saturation_by_range,
    check_split_with_gap,
    check_stride_argument,
    check_windows_with_stride,
)
from .sine_forecaster import (
    check_direct_linear_forecast,
    check_recursive_forecast,
    check_short_window_rmse,
    check_sine_lstm_param_count,
)
from .vanishing_gradients import (
    check_clip_by_norm,
    check_factor_to_keep,
    check_gradient_norms_by_hand,
    check_input_scale,
)
from .weather_demand import (
    check_complete_origins,
    check_lag_features,
    check_mase_scale_with_gaps,
)

__all__ = [
    "CheckFailed",
    "check_additive_baselines",
    "check_clip_by_norm",
    "check_complete_origins",
    "check_conformal_half_width",
    "check_counting_unit",
    "check_direct_linear_forecast",
    "check_factor_to_keep",
    "check_function",
    "check_gap_test_samples",
    "check_gradient_norms_by_hand",
    "check_horizon_prediction",
    "check_input_scale",
    "check_interval_score",
    "check_lag_features",
    "check_lstm_cell_step",
    "check_mase",
    "check_mase_scale_with_gaps",
    "check_pinball_loss",
    "check_recursive_forecast",
    "check_replacing_write",
    "check_saturation_by_range",
    "check_seasonal_naive",
    "check_seasonal_naive_with_drift",
    "check_short_window_rmse",
    "check_sine_lstm_param_count",
    "check_split_with_gap",
    "check_stacked_param_count",
    "check_steps_below",
    "check_stride_argument",
    "check_value",
    "check_windows_with_stride",
    "compare_arrays",
    "correct",
]
