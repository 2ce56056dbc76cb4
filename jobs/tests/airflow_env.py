"""A throw-away Airflow installation for the DAG tests: an AIRFLOW_HOME with a migrated SQLite
metadata database, jobs/dags as the DAGs folder, and the newstrends Variables and Spark connection
given through the environment (AIRFLOW_VAR_*, AIRFLOW_CONN_*), as a deployment may give them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import conftest

DAGS = Path(__file__).resolve().parents[1] / "dags"
RUNNER = Path(__file__).resolve().parent / "dag_test_runner.py"


@dataclass
class AirflowHome:
    path: Path
    env: dict[str, str]

    def dag_test(self, dag_id: str, logical_date: str, *, timeout: int = 1500) -> tuple[dict, str]:
        """``dag.test()`` of one DAG run in a fresh interpreter; returns the outcome and the log."""
        done = subprocess.run([sys.executable, str(RUNNER), str(DAGS), dag_id, logical_date], env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        output = done.stdout + done.stderr
        lines = [line for line in done.stdout.splitlines() if line.startswith("DAG_TEST_RESULT ")]
        assert done.returncode == 0 and lines, f"dag.test of {dag_id} did not finish:\n{output[-6000:]}"
        return json.loads(lines[-1].removeprefix("DAG_TEST_RESULT ")), output


def airflow_home(path: Path, *, variables: dict[str, str], spark_master: str | None = "local[2]") -> AirflowHome:
    """A migrated Airflow home under ``path``; ``variables`` by name without the prefix, e.g.
    ``{"newstrends_input": "/data"}``; no ``newstrends_spark`` connection if ``spark_master`` is None."""
    path.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in conftest.spark_env().items() if not key.startswith("AIRFLOW")}
    env.update({
        "AIRFLOW_HOME": str(path),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{path / 'airflow.db'}",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(path / "logs"),
    })
    if spark_master is not None:
        env["AIRFLOW_CONN_NEWSTRENDS_SPARK"] = json.dumps({"conn_type": "spark", "host": spark_master})
    for name, value in variables.items():
        env[f"AIRFLOW_VAR_{name.upper()}"] = value
    migrated = subprocess.run([str(Path(sys.executable).parent / "airflow"), "db", "migrate"], env=env,
                              capture_output=True, text=True, timeout=600)
    assert migrated.returncode == 0, f"airflow db migrate failed:\n{migrated.stdout[-3000:]}\n{migrated.stderr[-3000:]}"
    return AirflowHome(path=path, env=env)
