import json

import nbformat
import pytest

from tutorial_utils import bench


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
    bench.write_results({"sine": {"seeds": [0]}}, tmp_path)
    stored = json.loads((tmp_path / "results.json").read_text())
    assert set(stored) == {"machine", "notebooks", "sine"}
    assert stored["notebooks"]["tiny.ipynb"]["peak_rss_mb"] > 200
    assert stored["machine"]["cpu_count"] >= 1 and stored["machine"]["memory_gb"] > 0
    markdown = (tmp_path / "results.md").read_text()
    assert "| tiny.ipynb |" in markdown


def test_notebook_paths_lists_the_series():
    names = [path.name for path in bench.notebook_paths()]
    assert names[0] == "00_index.ipynb"
