import json

import nbformat
import pytest

from tools import bench


@pytest.fixture
def tiny_notebook(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import time\nimport numpy as np"),
        nbformat.v4.new_code_cell("block = np.ones(200 * 2**20 // 8)  # 200 MiB\ntime.sleep(0.5)"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    return path


def test_run_notebook_records_time_and_kernel_memory(tiny_notebook):
    result = bench.run_notebook(tiny_notebook)
    assert result["seconds"] >= 0.5
    assert result["peak_rss_mb"] > 200  # the 200 MiB array lives in the kernel, not in pytest


def test_run_notebook_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebook at"):
        bench.run_notebook(tmp_path / "nothing.ipynb")


def test_write_results_merges_parts_and_writes_valid_json(tmp_path, tiny_notebook):
    first = {"machine": bench.machine_info(), "notebooks": bench.bench_notebooks([tiny_notebook])}
    bench.write_results(first, tmp_path)
    bench.write_results({"notes": {"seeds": [0]}}, tmp_path)
    stored = json.loads((tmp_path / "results.json").read_text())
    assert set(stored) == {"machine", "machines", "notebooks", "notes"}
    assert stored["machines"] == {"notebooks": first["machine"]}
    assert stored["notebooks"]["tiny.ipynb"]["peak_rss_mb"] > 200
    assert stored["machine"]["cpu_count"] >= 1 and stored["machine"]["memory_gb"] > 0
    markdown = (tmp_path / "results.md").read_text()
    assert "| tiny.ipynb |" in markdown


def test_notebook_paths_lists_the_series():
    names = [path.name for path in bench.notebook_paths()]
    assert names[0] == "00_index.ipynb"


def test_markdown_tables_for_the_forecasting_parts(tmp_path):
    row = {"rmse": 20.0, "mae": 15.0, "mape": 4.5, "mase": 0.6}
    sine = {"protocol": "noisy sine", "seeds": [0, 1]}
    for key in (
        "lstm_rmse",
        "lstm_free_running_rmse",
        "persistence_rmse",
        "linear_ar_rmse",
        "linear_ar_free_running_rmse",
        "noise_floor_rmse",
    ):
        sine[f"{key}_mean"], sine[f"{key}_sd"] = 0.1, 0.01
    airline = {
        "protocol": bench.AIRLINE_PROTOCOL,
        "seeds": [0, 1],
        "lstm_ensemble": row,
        "lstm_ensemble_mape": 4.5,
        "baselines": {"seasonal naive": {**row, "mape": 13.189, "rmse": 26.675001}},
    }
    for number, metric in enumerate(bench.AIRLINE_METRICS):
        airline[f"lstm_{metric}_mean"], airline[f"lstm_{metric}_sd"] = 5.0 + number, 1.0
    bench.write_results({"sine": sine, "airline": airline}, tmp_path)
    markdown = (tmp_path / "results.md").read_text()
    assert "| LSTM, one step | 0.1000 ± 0.0100 |" in markdown
    # Notebook 05's columns and rounding: RMSE, MAE, MAPE %, MASE, two decimals each.
    assert "| forecast | RMSE | MAE | MAPE % | MASE |" in markdown
    assert (
        "| LSTMForecaster, mean ± sd over seeds | 5.00 ± 1.00 | 6.00 ± 1.00 | 7.00 ± 1.00 | "
        "8.00 ± 1.00 |" in markdown
    )
    assert "| seasonal naive | 26.68 | 15.00 | 13.19 | 0.60 |" in markdown
    assert "| LSTMForecaster, ensemble of the seeds | 20.00 | 15.00 | 4.50 | 0.60 |" in markdown


def test_each_part_keeps_the_machine_it_was_measured_on(tmp_path):
    old_machine = {"date": "2026-01-01", "cpu_model": "Old CPU", "cpu_count": 2}
    new_machine = {"date": "2026-02-02", "cpu_model": "New CPU", "cpu_count": 2}
    notebooks = {"tiny.ipynb": {"seconds": 1.0, "peak_rss_mb": 10.0}}
    # A file written before per-part machines existed: one top-level machine for all parts.
    (tmp_path / "results.json").write_text(
        json.dumps({"machine": old_machine, "notebooks": notebooks})
    )
    bench.write_results(
        {"machine": new_machine, "machines": {"notes": new_machine}, "notes": {}}, tmp_path
    )
    stored = json.loads((tmp_path / "results.json").read_text())
    assert stored["machines"] == {"notebooks": old_machine, "notes": new_machine}
    markdown = (tmp_path / "results.md").read_text()
    notebooks_section = markdown.split("## Notebooks", 1)[1]
    assert "Old CPU" in notebooks_section and "New CPU" not in notebooks_section
    assert "Each part names the machine it was measured on" in markdown


def test_readme_block_is_rewritten(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# X\n\n{bench.README_START}\nold\n{bench.README_END}\n\n## After\n")
    bench.write_results({"notes": {}}, tmp_path / "out", readme=readme)
    text = readme.read_text()
    assert "old" not in text and text.endswith(f"{bench.README_END}\n\n## After\n")
    assert "Regenerate with `make bench`" in text
    readme.write_text("# no block\n")
    with pytest.raises(ValueError, match="has no block between"):
        bench.write_results({}, tmp_path / "out", readme=readme)


def test_markdown_table_for_the_demand_part(tmp_path):
    deterministic = {"mae_mean": 33.8, "rmse_mean": 54.1, "mase_mean": 0.808}
    network = {**deterministic, "mae_sd": 3.3, "rmse_sd": 6.5, "mase_sd": 0.079}
    demand = {"protocol": bench.DEMAND_PROTOCOL, "seeds": [0, 1]}
    for part in ("validation", "test"):
        demand[part] = {
            "num_days": 46,
            "mase_scale": 41.8,
            "models": {"gradient boosting": deterministic, "LSTM": network},
        }
    bench.write_results({"demand": demand}, tmp_path)
    markdown = (tmp_path / "results.md").read_text()
    assert "## Bike-share demand (bike-share 2011" in markdown
    assert "Test, 46 days (LSTMs: mean ± sd over seeds):" in markdown
    assert "| gradient boosting | 33.8 | 54.1 | 0.808 |" in markdown
    assert "| LSTM | 33.8 ± 3.3 | 54.1 ± 6.5 | 0.808 ± 0.079 |" in markdown


def test_stored_demand_results_cover_every_model_of_notebook_06():
    from tutorial_utils import demand

    stored = json.loads((bench.ROOT / "benchmarks" / "results.json").read_text())["demand"]
    assert stored["seeds"] == [0, 1, 2, 3, 4]
    for name in demand.LSTM_VARIANTS:
        assert len(stored["test"]["models"][name]["mae_per_seed"]) == 5
    assert {f"gradient boosting, no {group}" for group in demand.FEATURE_GROUPS} <= set(
        stored["test"]["models"]
    )


def test_markdown_table_for_the_intervals():
    intervals = {"protocol": bench.INTERVALS_PROTOCOL, "seeds": [0, 1]}
    for level in (80, 95):
        for name, mean in (("coverage", 81.0), ("width", 90.0), ("score", 120.0)):
            intervals[f"conformal_{name}_{level}_mean"] = mean + level
            intervals[f"conformal_{name}_{level}_sd"] = 2.0
    markdown = bench._markdown({"intervals": intervals})
    assert "## Prediction intervals (airline, train 1949-01..1957-12" in markdown
    assert "| nominal 80% | 161.0 ± 2.0 | 170.0 ± 2.0 | 200.0 ± 2.0 |" in markdown
    assert "| nominal 95% | 176.0 ± 2.0 | 185.0 ± 2.0 | 215.0 ± 2.0 |" in markdown
