"""Executes every notebook in notebooks/ with papermill and a real kernel (the venv's python3)
against the warehouse that conftest's `sample_warehouse` builds from the sample corpus.

The runs start together (each notebook starts its own local[2] Spark session; most of a run is
JVM start-up and Ivy resolution, which overlap well), then each test checks one run: no cell
error, the kernel was this venv's python, every expected PNG written (a real PNG), and no
matplotlib "Glyph … missing from font" warning anywhere (the sign of boxes instead of Chinese).
One more run of the trends notebook selects nothing (dates before the corpus, an unknown term)
and must end normally, saying so instead of plotting.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import conftest

NOTEBOOKS = Path(__file__).resolve().parents[1]
REPO = NOTEBOOKS.parent

# PNGs each notebook must write on the sample warehouse.
EXPECTED_FIGURES = {
    "01_corpus_at_a_glance": ["01_articles_per_date_region", "01_articles_per_region_kind",
                              "01_quality", "01_documents_per_source"],
    "02_keywords_and_trends": ["02_term_trends", "02_region_keywords_heatmap", "02_latest_period"],
    "03_topics_over_time": ["03_topic_shares_by_month", "03_topic_mix_by_region"],
}
EMPTY_SELECTION = {"start": "1990-01-01", "end": "1990-12-31", "terms": ["没有这个词"]}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GLYPH_MISSING = re.compile(r"Glyph \d+ .*missing from (current )?font", re.IGNORECASE)
TIMEOUT = 900


@dataclass
class Run:
    name: str
    output: Path
    figures: Path
    returncode: int
    stderr: str
    seconds: float

    def cells(self) -> list[dict]:
        assert self.output.exists(), f"papermill wrote no {self.output}:\n{self.stderr[-4000:]}"
        return json.loads(self.output.read_text(encoding="utf-8"))["cells"]

    def text(self) -> str:
        """Everything the cells printed or returned as text (streams, text/plain, errors)."""
        parts = []
        for cell in self.cells():
            for out in cell.get("outputs", []):
                if out["output_type"] == "stream":
                    parts.append("".join(out["text"]))
                elif out["output_type"] in ("execute_result", "display_data"):
                    parts.append("".join(out["data"].get("text/plain", "")))
                elif out["output_type"] == "error":
                    parts.append(f"{out['ename']}: {out['evalue']}\n" + "\n".join(out["traceback"]))
        return "\n".join(parts)

    def errors(self) -> list[str]:
        return [f"{out['ename']}: {out['evalue']}" for cell in self.cells()
                for out in cell.get("outputs", []) if out["output_type"] == "error"]


# A kernel that could not bind its port: it dies before running a cell.
KERNEL_PORT_TAKEN = ("Address already in use", "Kernel died before replying to kernel_info")


def notebook_env() -> dict[str, str]:
    """The venv's environment with the tests' JVM options, as for every JVM of these tests (conftest.spark_env)."""
    return conftest.spark_env()


def execute(notebook: Path, out_dir: Path, warehouse: Path, extra: dict | None = None) -> Run:
    """`papermill NB OUT -k python3 -p warehouse W -p figures_dir F [-y extra]` with this venv's python,
    from the repository root as the README shows."""
    name = notebook.stem + ("-empty" if extra else "")
    output, figures = out_dir / f"{name}.ipynb", out_dir / f"{name}-figures"
    command = [sys.executable, "-m", "papermill", str(notebook), str(output), "-k", "python3",
               "--cwd", str(REPO), "--no-progress-bar", "--start-timeout", "300",
               "-p", "warehouse", str(warehouse), "-p", "figures_dir", str(figures)]
    if extra:
        command += ["-y", json.dumps(extra, ensure_ascii=False)]
    started = time.monotonic()
    result = subprocess.run(command, cwd=REPO, env=notebook_env(), capture_output=True, text=True,
                            timeout=TIMEOUT)
    if result.returncode != 0 and all(line in result.stderr for line in KERNEL_PORT_TAKEN):
        # Two kernels starting at once can draw the same free port (jupyter_client picks its ports in
        # each process alone); the loser dies before running a cell, so one new start is a fair retry.
        result = subprocess.run(command, cwd=REPO, env=notebook_env(), capture_output=True, text=True,
                                timeout=TIMEOUT)
    return Run(name, output, figures, result.returncode, result.stderr, time.monotonic() - started)


def all_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def runs(sample_warehouse, tmp_path_factory) -> dict[str, Run]:
    out_dir = tmp_path_factory.mktemp("notebooks")
    jobs = [(nb, None) for nb in all_notebooks()] + [(NOTEBOOKS / "02_keywords_and_trends.ipynb", EMPTY_SELECTION)]
    # Ivy's cache is not safe for concurrent first downloads (one JVM finds another's .part file and
    # reports Delta "not found"): on a fresh machine one session resolves Delta before the parallel runs.
    warm = subprocess.run([sys.executable, "-c", "import newstrends_nb as nb; nb.spark_session().stop()"],
                          cwd=NOTEBOOKS, env=notebook_env(), capture_output=True, text=True, timeout=TIMEOUT)
    assert warm.returncode == 0, f"a Spark session with Delta did not start:\n{warm.stdout[-2000:]}\n{warm.stderr[-2000:]}"
    # Two at a time on a 2-core machine: four kernels and four JVMs starting at once took papermill's
    # kernel past its start-up timeout (60 s by default; 300 s above, for busy CI machines).
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda job: execute(job[0], out_dir, sample_warehouse.path, job[1]), jobs))
    for run in done:
        print(f"{run.name}: {run.seconds:.0f} s")
    return {run.name: run for run in done}


def test_every_notebook_is_covered_and_committed_without_outputs():
    names = [nb.stem for nb in all_notebooks()]
    assert sorted(names) == sorted(EXPECTED_FIGURES), "add the new notebook's figures to EXPECTED_FIGURES"
    for notebook in all_notebooks():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert "parameters" in code[0].get("metadata", {}).get("tags", []), f"{notebook.name}: first code cell not tagged"
        source = "".join(code[0]["source"])
        for parameter in ("warehouse", "terms", "start", "end", "figures_dir"):
            assert re.search(rf"^{parameter} = ", source, re.MULTILINE), f"{notebook.name}: no {parameter} parameter"
        for cell in code:
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{notebook.name} carries outputs"


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_notebook_runs_on_the_sample_warehouse(runs, name):
    run = runs[name]
    assert run.returncode == 0 and not run.errors(), (
        f"{name} failed: {run.errors()}\n{run.stderr[-4000:]}")
    text = run.text()

    kernel = re.search(r"kernel python: (\S+) \(prefix (\S+)\)", text)
    assert kernel, "the notebook did not report its kernel"
    assert os.path.abspath(kernel.group(2)) == os.path.abspath(sys.prefix), (
        f"kernel ran {kernel.group(1)}, not this venv's python ({sys.executable})")

    assert not GLYPH_MISSING.search(text + run.stderr), "a glyph is missing from the font: plots show boxes"
    assert "WenQuanYi Micro Hei" in text

    for figure in EXPECTED_FIGURES[name]:
        png = run.figures / f"{figure}.png"
        assert png.exists(), f"{name} did not write {png.name}; it wrote {sorted(p.name for p in run.figures.glob('*'))}"
        data = png.read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000, f"{png} is not a real plot"


def test_an_empty_selection_says_so_instead_of_failing(runs):
    run = runs["02_keywords_and_trends-empty"]
    assert run.returncode == 0 and not run.errors(), f"{run.errors()}\n{run.stderr[-4000:]}"
    text = run.text()
    assert text.count("Nothing to plot") >= 3, text[-3000:]
    assert not list(run.figures.glob("*.png")), "an empty selection must not produce (empty) plots"
