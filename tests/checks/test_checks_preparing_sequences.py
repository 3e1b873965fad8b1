"""Self-checks of notebook 03's exercises: right answers pass, typical mistakes are named."""

import numpy as np
import pandas as pd
import pytest
from numpy.lib.stride_tricks import sliding_window_view

import tutorial_utils as tu
from tutorial_utils.checks import CheckFailed

# Exercise 1: windows with a horizon, predicted


@pytest.mark.parametrize(
    "answer",
    [
        ((5, 3, 1), (5, 3), [40, 50, 60]),
        (np.array([5, 3, 1]), [5, 3], np.array([40.0, 50.0, 60.0])),
    ],
)
def test_check_horizon_prediction_accepts_the_shapes(answer, capsys):
    tu.checks.check_horizon_prediction(*answer)
    assert capsys.readouterr().out.startswith("Correct: Exercise 1, windows with a horizon.")


RIGHT_1 = {"x_shape": (5, 3, 1), "y_shape": (5, 3), "first_target": [40, 50, 60]}


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"x_shape": (7, 3, 1)}, r"you counted len\(series\) - window_size windows"),
        ({"x_shape": (8, 3, 1)}, "you counted every window of 3 values"),
        ({"x_shape": (4, 3, 1)}, "one window short"),
        ({"x_shape": (5, 1, 3)}, "time steps come before features"),
        ({"x_shape": (5, 3)}, "your x_shape has 2 axes"),
        ({"x_shape": (6, 3, 1)}, r"1 of the 3 entries of your x_shape are off"),
        ({"x_shape": "five"}, "your x_shape is text"),
        ({"y_shape": (5, 1)}, "one column per future step"),
        ({"y_shape": (7, 3)}, r"you counted len\(series\) - window_size windows"),
        ({"y_shape": (3, 5)}, "one row per sample"),
        ({"y_shape": (5,)}, "your y_shape has 1 axis"),
        ({"first_target": [40]}, "your first_target is one value"),
        ({"first_target": [10, 20, 30]}, r"that is the first window, x\[0\]"),
        ({"first_target": [50, 60, 70]}, "one step late"),
        ({"first_target": [40, 50, 61]}, "1 of the 3 entries of your first_target are off"),
    ],
)
def test_check_horizon_prediction_names_the_mistake(wrong, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_horizon_prediction(**{**RIGHT_1, **wrong})
    text = str(error.value)
    assert text.startswith("Exercise 1, windows with a horizon: not yet.")
    assert "Hint: every sample is a block of window_size inputs" in text
    assert "(5, 3, 1)" not in text and "40, 50, 60" not in text  # the answer stays hidden


# Exercise 2: windows with a stride


def _loop(values, window_size, stride):
    inputs, targets = [], []
    for start in range(0, len(values) - window_size, stride):
        inputs.append(values[start : start + window_size])
        targets.append(values[start + window_size])
    return np.array(inputs)[:, :, np.newaxis], np.array(targets)[:, np.newaxis]


def _sliced(values, window_size, stride, over_all_values=False):
    windows = sliding_window_view(values if over_all_values else values[:-1], window_size)
    return windows[::stride, :, np.newaxis], values[window_size::stride, np.newaxis]


def _loop_with(values, window_size, stride, stop=0, first=0, target=0, stride_targets=True):
    starts = list(range(first, len(values) - window_size - stop, stride))
    x = np.array([values[s : s + window_size] for s in starts])[:, :, np.newaxis]
    after = [s + window_size + target for s in starts]
    if not stride_targets:
        after = [window_size + k for k in range(len(starts))]
    return x, values[after][:, np.newaxis]


def _sampling_rate(values, window_size, stride):
    span = (window_size - 1) * stride + 1
    x = sliding_window_view(values[:-1], span)[:, ::stride]
    return x[:, :, np.newaxis], values[span:, np.newaxis]


def test_check_windows_with_stride_accepts_a_loop_and_slicing(capsys):
    tu.checks.check_windows_with_stride(_loop)
    tu.checks.check_windows_with_stride(_sliced)
    tu.checks.check_windows_with_stride(
        lambda v, w, s: tuple(a[::s] for a in tu.make_windows(v, w))
    )
    assert capsys.readouterr().out.count("Correct: Exercise 2, windows with a stride.") == 3


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda v, w, s: tu.make_windows(v, w), "you kept every window: the stride is ignored"),
        (lambda v, w, s: _loop_with(v, w, s, stop=1), "one window short at the end"),
        (lambda v, w, s: _loop_with(v, w, s, first=s), "you skipped the first window"),
        (lambda v, w, s: _loop_with(v, w, s, target=-1), "your targets are the last value"),
        (
            lambda v, w, s: _loop_with(v, w, s, stride_targets=False),
            "you strided the windows but not the targets",
        ),
        (_sampling_rate, "that is what Keras calls sampling_rate"),
        (
            lambda v, w, s: _sliced(v, w, s, over_all_values=True),
            r"your x holds \d+ windows but your y \d+ targets",
        ),
        (lambda v, w, s: (_loop(v, w, s)[0][:, :, 0], _loop(v, w, s)[1]), "add the features axis"),
        (lambda v, w, s: (_loop(v, w, s)[0], _loop(v, w, s)[1][:, 0]), r"\(samples, 1\)"),
        (lambda v, w, s: _loop_with(v, w, s, stop=-1), "your function raised IndexError"),
        (
            lambda v, w, s: (2 * _loop(v, w, s)[0], _loop(v, w, s)[1]),
            "your x has the right shape but values differ by up to",
        ),
        (lambda v, w, s: _loop(v, w, s)[0], "returns one ndarray: return the pair x, y"),
        (lambda v, w, s: (*_loop(v, w, s), s), "returns 3 items"),
        ("windows", "expected a function, got str"),
    ],
)
def test_check_windows_with_stride_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_windows_with_stride(function)
    assert str(error.value).startswith("Exercise 2, windows with a stride: not yet.")
    assert "Hint: the windows are those of the sliding window" in str(error.value)


def test_check_windows_with_stride_says_in_one_line_that_the_stub_is_unanswered():
    def stub(values, window_size, stride):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="still raises NotImplementedError"):
        tu.checks.check_windows_with_stride(stub)


def test_check_stride_argument_accepts_sequence_stride(capsys):
    tu.checks.check_stride_argument("sequence_stride")
    tu.checks.check_stride_argument(" sequence_stride\n")
    assert capsys.readouterr().out.count("Correct: Exercise 2, Keras's stride argument.") == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("sampling_rate", "sampling_rate takes every sampling_rate-th value inside a window"),
        ("sequence_length", "sequence_length is the window size"),
        ("batch_size", "batch_size does not set how many steps apart the windows start"),
        ("stride", "'stride' is not an argument of keras.utils.timeseries_dataset_from_array"),
        (2, "your answer is of type int"),
    ],
)
def test_check_stride_argument_names_the_mistake(name, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_stride_argument(name)
    assert "Hint: one argument of keras.utils.timeseries_dataset_from_array" in str(error.value)


# Exercise 3: a split with a gap


def _split(values, gap, train_fraction=0.8):
    num_train = int(len(values) * train_fraction)
    return values[:num_train], values[num_train + gap :]


def _split_from_package(values, gap, train_fraction=0.8):
    train, test = tu.chronological_split(values, train_fraction=train_fraction)
    return train, test[gap:]


def test_check_split_with_gap_accepts_slices_and_the_package(capsys):
    tu.checks.check_split_with_gap(_split)
    tu.checks.check_split_with_gap(_split_from_package)
    assert capsys.readouterr().out.count("Correct: Exercise 3, a split with a gap.") == 2


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (lambda v, g, f: tu.chronological_split(v, f), "there is no gap"),
        (
            lambda v, g, f: (v[: int(len(v) * f) - g], v[int(len(v) * f) :]),
            "you took the gap from the end of the training part",
        ),
        (lambda v, g, f: _split(v, g + 1, f), "your gap is one row too wide"),
        (lambda v, g, f: _split(v, g - 1, f), "your gap is one row too narrow"),
        (
            lambda v, g, f: (v[: int((len(v) - g) * f)], v[int((len(v) - g) * f) + g :]),
            "you took train_fraction of the rows left after the gap",
        ),
        (
            lambda v, g, f: (v[: round(len(v) * f)], v[round(len(v) * f) + g :]),
            "your training part is one row longer",
        ),
        (
            lambda v, g, f: (
                v[: len(v) - int(len(v) * (1 - f))],
                v[len(v) - int(len(v) * (1 - f)) + g :],
            ),
            "your training part is one row longer",
        ),
        (lambda v, g, f: _split(v, 2 * g + 2, f), r"your test part has shape \(\d+,?[\d, ]*\)"),
        (lambda v, g, f: _split(v, g, f)[0], "returns one ndarray: return the pair training part"),
        (None, "expected a function, got None: pass your function itself"),
    ],
)
def test_check_split_with_gap_names_the_mistake(function, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_split_with_gap(function)
    assert str(error.value).startswith("Exercise 3, a split with a gap: not yet.")
    assert "Hint: keep the training part of tu.chronological_split" in str(error.value)


def _airline_test_samples(gap):
    x_air, _ = tu.make_windows(tu.load_airline().to_numpy(), window_size=12)
    return len(_split(x_air, gap)[1])


def test_check_gap_test_samples_accepts_the_count(capsys):
    tu.checks.check_gap_test_samples(_airline_test_samples(12))
    tu.checks.check_gap_test_samples(np.int64(_airline_test_samples(12)))
    assert capsys.readouterr().out.count("Correct: Exercise 3, test samples after the gap.") == 2


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (_airline_test_samples(0), "the test part without a gap"),
        (_airline_test_samples(11), "a gap of window_size - 1"),
        (_airline_test_samples(13), "a gap of window_size \\+ 1"),
        (105, "the number of training samples"),
        (144 - 115 - 12, "when the 144 months are split"),
        (144 - 115 - 24, "split with a gap and windows are cut inside what is left"),
        (144 - 115, "the number of test months"),
        (40, "your number of test samples is too high"),
        (1, "your number of test samples is too low"),
        ("many", r"is text \('many'\), not a number"),
    ],
)
def test_check_gap_test_samples_names_the_mistake(answer, message):
    with pytest.raises(CheckFailed, match=message) as error:
        tu.checks.check_gap_test_samples(answer)
    assert "Hint: split the 132 windows, not the 144 months" in str(error.value)
    assert str(_airline_test_samples(12)) not in str(error.value).split("Hint:")[0]


# Exercise 4: saturation by input range. The oracle shares no code with the check: the gates
# come from an LSTM written out below in float64 from the equations (Keras' weight layout, gates
# i, f, g, o), not from tu.lstm_forward, and the gradients from backpropagation through time
# written out by hand (itself checked against finite differences below), not from TensorFlow.
# Only the weights come from Keras: a fresh keras.layers.LSTM(8) right after the seeding, as in
# the exercise.

RANGES = [(0, 1), (-1, 1), (-5, 5)]


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _lstm_by_hand(windows, W, U, b):
    """Run an LSTM over windows (N, T, F); return the last hidden states (N, u) and each step's
    input, states and gates, for the backward pass."""
    units = U.shape[0]
    h = np.zeros((len(windows), units))
    c = np.zeros_like(h)
    steps = []
    for t in range(windows.shape[1]):
        z = windows[:, t] @ W + h @ U + b
        i, f = _sigmoid(z[:, :units]), _sigmoid(z[:, units : 2 * units])
        g, o = np.tanh(z[:, 2 * units : 3 * units]), _sigmoid(z[:, 3 * units :])
        c_prev, h_prev = c, h
        c = f * c + i * g
        h = o * np.tanh(c)
        steps.append(
            {
                "x": windows[:, t],
                "h_prev": h_prev,
                "c_prev": c_prev,
                "c": c,
                "i": i,
                "f": f,
                "g": g,
                "o": o,
            }
        )
    return h, steps


def _gradients_by_hand(steps, U):
    """Backpropagate sum(last hidden states) through time: the gradients for W, U and b."""
    dW = np.zeros((steps[0]["x"].shape[1], U.shape[1]))
    dU, db = np.zeros_like(U), np.zeros(U.shape[1])
    dh = np.ones_like(steps[-1]["c"])
    dc = np.zeros_like(dh)
    for step in reversed(steps):
        i, f, g, o = step["i"], step["f"], step["g"], step["o"]
        tanh_c = np.tanh(step["c"])
        dc = dc + dh * o * (1 - tanh_c**2)
        dz = np.concatenate(
            [
                dc * g * i * (1 - i),
                dc * step["c_prev"] * f * (1 - f),
                dc * i * (1 - g**2),
                dh * tanh_c * o * (1 - o),
            ],
            axis=1,
        )
        dW += step["x"].T @ dz
        dU += step["h_prev"].T @ dz
        db += dz.sum(axis=0)
        dh, dc = dz @ U.T, dc * f
    return dW, dU, db


def test_the_hand_written_gradients_agree_with_finite_differences():
    rng = np.random.default_rng(0)
    windows = rng.normal(size=(3, 4, 2))
    weights = [rng.normal(size=(2, 12)), rng.normal(size=(3, 12)), rng.normal(size=12)]
    by_hand = _gradients_by_hand(_lstm_by_hand(windows, *weights)[1], weights[1])
    for array, gradient in zip(weights, by_hand, strict=True):
        for position in np.ndindex(array.shape):
            sums = []
            for sign in (1, -1):
                array[position] += sign * 1e-6
                sums.append(_lstm_by_hand(windows, *weights)[0].sum())
                array[position] -= sign * 1e-6
            assert (sums[0] - sums[1]) / 2e-6 == pytest.approx(gradient[position], abs=1e-6)


def _saturation_experiment(windows):
    import keras

    layer = keras.layers.LSTM(8)
    layer.build(windows.shape)
    W, U, b = (np.asarray(array, dtype=np.float64) for array in layer.get_weights())
    _, steps = _lstm_by_hand(np.asarray(windows, dtype=np.float64), W, U, b)
    sigmoids = np.stack([[step[name] for step in steps] for name in "ifo"])
    candidate = np.stack([step["g"] for step in steps])
    near_limit = np.concatenate(
        [np.minimum(sigmoids, 1 - sigmoids).ravel(), 1 - np.abs(candidate).ravel()]
    )
    slopes = np.concatenate([(4 * sigmoids * (1 - sigmoids)).ravel(), 1 - candidate.ravel() ** 2])
    grad_W, grad_U, grad_b = _gradients_by_hand(steps, U)
    return {
        "saturated": float(np.mean(near_limit < 1e-3)),
        "slope": float(slopes.mean()),
        "grad W": float(np.linalg.norm(grad_W)),
        "grad U,b": float(np.sqrt(np.sum(grad_U**2) + np.sum(grad_b**2))),
    }


@pytest.fixture(scope="module")
def saturation_runs():
    """Per-seed results for each range, scaled on the training part and (leaky) on everything."""
    values = tu.load_airline().to_numpy()
    train_values, _ = tu.chronological_split(values, train_fraction=0.8)
    runs = {}
    for feature_range in RANGES:
        for leaky in (False, True):
            fitted_on = values if leaky else train_values
            scaled = tu.scale_splits(fitted_on, train_values, feature_range=feature_range)[2]
            windows, _ = tu.make_windows(scaled, window_size=12)
            runs[(feature_range, leaky)] = tu.run_over_seeds(
                lambda seed, windows=windows: _saturation_experiment(windows),
                seeds=range(5),
                progress=False,
            )
    return runs


def _summary(runs, statistic=lambda run: run.mean(), leaky=False):
    rows = {str(r): statistic(runs[(r, leaky)]) for r in RANGES}
    return pd.DataFrame(rows).T


def test_check_saturation_by_range_accepts_a_table_in_any_order(saturation_runs, capsys):
    summary = _summary(saturation_runs)
    tu.checks.check_saturation_by_range(summary)
    tu.checks.check_saturation_by_range(summary.sort_index().sort_index(axis=1))
    tu.checks.check_saturation_by_range(summary.to_numpy())
    out = capsys.readouterr().out
    assert out.count("Correct: Exercise 4, saturation by input range.") == 3


def _wrong_tables(runs):
    right = _summary(runs)
    return [
        (pd.DataFrame([right.iloc[1]] * 3, index=right.index), "your three rows are the same"),
        (_summary(runs, leaky=True), "you fitted the scaler on the whole series"),
        (_summary(runs, lambda run: run.median()), "those are medians over the seeds"),
        (_summary(runs, lambda run: run.iloc[0]), "those are the values of seed 0 alone"),
        (right.iloc[:, ::-1].to_numpy(), "entries of your summary are off"),
        (2 * right, "entries of your summary are off"),
        (right.iloc[:2], r"your summary has shape \(2, 4\), expected \(3, 4\)"),
    ]


def test_check_saturation_by_range_names_the_mistake(saturation_runs):
    for table, message in _wrong_tables(saturation_runs):
        with pytest.raises(CheckFailed, match=message) as error:
            tu.checks.check_saturation_by_range(table)
        assert "Hint: scale the training part to each range" in str(error.value)


@pytest.mark.parametrize("seed", range(200))
def test_every_strided_input_leaves_room_for_the_sampling_rate_mistake(seed):
    # The check draws fresh inputs each time; the sampling_rate mistake must be named on every
    # draw, not crash on a series too short for windows of values stride steps apart.
    from tutorial_utils.checks.preparing_sequences import _stride_inputs_03

    rng = np.random.default_rng(seed)
    for trial in range(3):
        values, window_size, stride = _stride_inputs_03(rng, trial)
        assert len(values) - 1 >= (window_size - 1) * stride + 1
