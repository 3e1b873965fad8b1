import matplotlib.pyplot as plt
import numpy as np
import pytest

import tutorial_utils as tu


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_series_draws_on_given_axes():
    series = tu.load_airline()
    _, ax = plt.subplots()
    returned = tu.plot_series(series, ax=ax, label="passengers", title="Airline")
    assert returned is ax
    line = ax.get_lines()[0]
    assert len(line.get_xdata()) == 144 and line.get_ydata()[0] == 112
    assert ax.get_title() == "Airline"


def test_plot_series_new_axes_and_bad_x():
    ax = tu.plot_series(np.arange(5.0))
    assert ax.get_lines()[0].get_xdata().tolist() == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="x has 2 values but the series has 5"):
        tu.plot_series(np.arange(5.0), x=[0, 1])


def test_plot_forecast_several():
    series = tu.load_airline()
    test = series[-12:]
    ax = tu.plot_forecast(
        test, {"a": test.to_numpy() + 1, "b": test.to_numpy() - 1}, history=series[:-12]
    )
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["history", "actual", "a", "b"]
    with pytest.raises(ValueError, match="forecast 'forecast' has 3 values but y_true has 12"):
        tu.plot_forecast(test, np.zeros(3))


def test_plot_history():
    ax = tu.plot_history({"loss": [1.0, 0.5, 0.2], "val_loss": [1.1, 0.7, 0.6]})
    assert [line.get_label() for line in ax.get_lines()] == ["loss", "val_loss"]
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="none of the keys"):
        tu.plot_history({"mae": [1.0]})
    with pytest.raises(TypeError, match="what model.fit returned"):
        tu.plot_history([1.0, 2.0])


def test_plot_gradient_norms():
    ax = tu.plot_gradient_norms({"a": [1.0, 0.5, 0.0, 0.1], "b": [1.0, 2.0]}, title="norms")
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_yscale() == "log" and ax.get_title() == "norms"
    assert ax.get_xlabel() == "lag k (steps back)"
    x_values, y_values = ax.get_lines()[0].get_data()
    assert x_values.tolist() == [0, 1, 2, 3] and np.isnan(y_values[2])  # zero left out
    _, given = plt.subplots()
    single = tu.plot_gradient_norms(np.array([1.0, 0.1]), ax=given, xlabel="n")
    assert single is given and single.get_legend() is None and single.get_xlabel() == "n"


@pytest.mark.parametrize(
    ("norms", "error", "message"),
    [
        ({}, ValueError, "norms is empty"),
        ({"a": [1.0, -0.1]}, ValueError, r"norms\['a'\] has negative values"),
        ([1.0, np.inf], ValueError, "norms contains NaN or infinite"),
        (np.ones((2, 2)), ValueError, "norms must be 1-D"),
        (["a", "b"], TypeError, "norms must hold numbers"),
    ],
)
def test_plot_gradient_norms_bad_input(norms, error, message):
    with pytest.raises(error, match=message):
        tu.plot_gradient_norms(norms)


def test_plot_forecast_draws_interval_bands():
    test = tu.load_airline()[-12:]
    forecast = test.to_numpy() * 1.01
    ax = tu.plot_forecast(
        test, {"LSTM": forecast}, intervals={"80 %": (forecast - 20, forecast + 20)}
    )
    (band,) = ax.collections
    assert band.get_label() == "80 %"
    vertices = band.get_paths()[0].vertices[:, 1]
    assert vertices.min() == pytest.approx((forecast - 20).min())
    assert vertices.max() == pytest.approx((forecast + 20).max())
    assert "80 %" in [text.get_text() for text in ax.get_legend().get_texts()]


@pytest.mark.parametrize(
    ("interval", "message"),
    [
        ((np.zeros(3), np.ones(3)), "interval 'band' has 3 lower and 3 upper values but y_true"),
        ((np.ones(12), np.zeros(12)), "interval 'band' has lower bounds above its upper bounds"),
        ((np.full(12, np.nan), np.ones(12)), "lower of interval 'band' contains NaN"),
    ],
)
def test_plot_forecast_bad_intervals(interval, message):
    test = tu.load_airline()[-12:]
    with pytest.raises(ValueError, match=message):
        tu.plot_forecast(test, test, intervals={"band": interval})
