"""Runs one DAG with ``dag.test()`` and prints the outcome as one JSON line (``DAG_TEST_RESULT {...}``).

Started by the tests as a subprocess, so that the Airflow configuration they give through the
environment (AIRFLOW_HOME with its SQLite metadata database, the DAGs folder, AIRFLOW_VAR_* and
AIRFLOW_CONN_*) is the one Airflow loads.

    python dag_test_runner.py <dags folder> <dag id> <YYYY-MM-DD>
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path


def _value(state) -> str | None:
    return None if state is None else str(getattr(state, "value", state))


def main(dags_folder: str, dag_id: str, logical_date: str) -> int:
    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.utils.session import create_session

    folder = Path(dags_folder).resolve()
    # as the DAG processor and the task runner load a bundle: its root goes on sys.path
    bag = BundleDagBag(dag_folder=folder, bundle_path=folder, bundle_name="dags-folder")
    if bag.import_errors:
        print("DAG_TEST_RESULT " + json.dumps({"import_errors": bag.import_errors}))
        return 1
    dag = bag.dags[dag_id]
    run = dag.test(logical_date=datetime.fromisoformat(logical_date).replace(tzinfo=timezone.utc))
    with create_session() as session:
        tasks = {ti.task_id: {"state": _value(ti.state), "try_number": ti.try_number}
                 for ti in run.get_task_instances(session=session)}
    print("DAG_TEST_RESULT " + json.dumps({"run_id": run.run_id, "state": _value(run.state), "tasks": tasks}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
