"""The DAG files as Airflow's DAG processor sees them: they import without errors and without the
metadata database, and the DAGs have the tasks, order, arguments, retries and schedules the
project promises."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest


DAGS = Path(__file__).resolve().parents[1] / "dags"


SENTINEL = "/set-in-the-environment-at-parse-time"


def parse_env(tmp: Path) -> dict[str, str]:
    env = {
        "AIRFLOW_HOME": str(tmp / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        # parsing must not need the metadata database: it lies in a folder that does not exist
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp / 'no-such-folder' / 'airflow.db'}",
    }
    # every Variable the DAGs use is set; a DAG that read one while being parsed would bake it in
    for name in ("input", "warehouse", "jar", "config", "driver_memory", "spark_log_level", "driver_java_options",
                 "ready_marker"):
        env[f"AIRFLOW_VAR_NEWSTRENDS_{name.upper()}"] = SENTINEL
    return env


@pytest.fixture(scope="module")
def bag(tmp_path_factory):
    """The DagBag of jobs/dags, loaded as the DAG processor loads a bundle (its root on sys.path)."""
    tmp = tmp_path_factory.mktemp("dagbag")
    with pytest.MonkeyPatch.context() as patch:
        for key in [k for k in os.environ if k.startswith("AIRFLOW")]:
            patch.delenv(key)
        for key, value in parse_env(tmp).items():
            patch.setenv(key, value)
        from airflow.dag_processing.dagbag import BundleDagBag
        return BundleDagBag(dag_folder=DAGS, bundle_path=DAGS, bundle_name="dags-folder")


def test_no_import_errors_and_both_dags(bag):
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"newstrends_daily", "newstrends_maintenance"}
    # the DAG files are parsed, the shared module is not (.airflowignore)
    assert sorted(Path(f).name for f in bag.file_last_changed) == ["newstrends_daily.py", "newstrends_maintenance.py"]


def test_variables_are_read_when_tasks_run_not_when_parsed(bag):
    """Every path and setting stays a Jinja expression until a task runs (nothing is read from
    Variables, hence from the metadata database, while the file is parsed)."""
    checked = 0
    for dag in bag.dags.values():
        for task in dag.tasks:
            for field in task.template_fields:
                value = getattr(task, field)
                assert SENTINEL not in repr(value), (dag.dag_id, task.task_id, field, value)
                checked += "var.value.get(" in repr(value)
    assert checked >= 5


def test_daily_tasks_in_order(bag):
    dag = bag.dags["newstrends_daily"]
    order = ["wait_for_input", "ingest", "nlp", "analyze"]
    assert set(dag.task_ids) == set(order)
    for upstream, downstream in zip(order, order[1:]):
        assert dag.get_task(upstream).downstream_task_ids == {downstream}
    assert dag.get_task("wait_for_input").upstream_task_ids == set()
    assert dag.get_task("analyze").downstream_task_ids == set()


def test_daily_schedule(bag):
    dag = bag.dags["newstrends_daily"]
    timetable = dag.timetable
    assert type(timetable).__name__ == "CronTriggerTimetable"  # logical date = the issue date
    assert timetable.expression == "0 0 * * *" and str(timetable.timezone) == "UTC"
    assert dag.catchup is False
    assert dag.max_active_runs == 1  # analyze reads earlier dates: one date at a time
    # a fixed start date in the past (not "now", which would move with every parse)
    assert dag.start_date is not None and dag.start_date < datetime.now(timezone.utc) - timedelta(days=1)


@pytest.mark.parametrize("task_id, options", [
    ("ingest", ["--input", "--warehouse"]),
    ("nlp", ["--warehouse"]),
    ("analyze", ["--warehouse"]),
])
def test_daily_spark_tasks(bag, task_id, options):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    task = bag.dags["newstrends_daily"].get_task(task_id)
    assert isinstance(task, SparkSubmitOperator)
    args = task.application_args
    assert args[0] == task_id
    assert args[args.index("--date") + 1] == "{{ ds }}"
    for option in options:
        value = args[args.index(option) + 1]
        variable = f"newstrends_{option.removeprefix('--')}"
        # read from the Variable when the task runs, with a default
        assert value.startswith(f"{{{{ var.value.get('{variable}', ") and value.endswith(") }}"), value
    assert "var.value.get('newstrends_jar'" in task.application
    assert task._java_class == "io.newstrends.cli.Main"
    assert task._conn_id == "newstrends_spark"
    assert "var.value.get('newstrends_driver_memory'" in task.conf["spark.driver.memory"]
    assert "var.value.get('newstrends_spark_log_level'" in task.conf["spark.log.level"]
    assert "var.value.get('newstrends_driver_java_options'" in task.conf["spark.driver.extraJavaOptions"]
    assert task.retries == 2 and task.retry_delay >= timedelta(minutes=1)
    assert task.execution_timeout is not None  # a hung submit does not hold the run forever
    assert task.on_failure_callback


def test_daily_sensor(bag):
    sensor = bag.dags["newstrends_daily"].get_task("wait_for_input")
    assert sensor.mode == "reschedule"
    assert timedelta(minutes=1) <= timedelta(seconds=sensor.poke_interval) <= timedelta(hours=1)
    assert timedelta(hours=1) <= timedelta(seconds=sensor.timeout) <= timedelta(days=1)
    assert sensor.issue_date == "{{ ds }}"
    assert "var.value.get('newstrends_input'" in sensor.input_root


def test_sensor_finds_the_day_folder(tmp_path):
    sys.path.insert(0, str(DAGS))
    try:
        from newstrends_common import issue_landed
    finally:
        sys.path.remove(str(DAGS))
    day = tmp_path / "2021-04-01"
    assert not issue_landed(str(tmp_path), "2021-04-01")
    day.mkdir()
    (day / "_partial.txt").write_text("x")  # hidden, as for ingest
    (day / "notes.pdf").write_text("x")
    (tmp_path / "2021-04-02.txt").write_text("x")  # another date
    assert not issue_landed(str(tmp_path), "2021-04-01")
    (day / "paper").mkdir()
    (day / "paper" / "p1.txt").write_text("x")
    assert issue_landed(str(tmp_path), "2021-04-01")
    assert issue_landed(f"file://{tmp_path}", "2021-04-01")
    # with a marker, only the marker counts
    assert not issue_landed(str(tmp_path), "2021-04-01", "_SUCCESS")
    (day / "_SUCCESS").write_text("")
    assert issue_landed(str(tmp_path), "2021-04-01", "_SUCCESS")


def test_maintenance_dag(bag):
    dag = bag.dags["newstrends_maintenance"]
    assert dag.task_ids == ["maintain"]
    task = dag.get_task("maintain")
    assert task.application_args[0] == "maintain"
    assert task.application_args[task.application_args.index("--warehouse") + 1].startswith(
        "{{ var.value.get('newstrends_warehouse', ")
    assert "--date" not in task.application_args
    minute, hour, day_of_month, month, day_of_week = dag.timetable.expression.split()
    assert (day_of_month, month) == ("*", "*") and day_of_week.isdigit()  # once a week
    assert dag.catchup is False and dag.max_active_runs == 1
    assert task.retries >= 1
