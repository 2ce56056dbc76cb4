"""End to end: the newstrends_daily DAG run by ``dag.test()`` against a real Airflow metadata
database (SQLite) and the real ``spark-submit`` of the venv's pyspark, for one issue date of the
sample corpus landed as ``<input>/2021-04-01/*.txt``; then the same date once more, which must leave
the tables exactly as one run did. And a run that fails must say why in one line, without retrying
what cannot succeed: a configuration the job rejects, a missing connection, a missing jar."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import conftest
from airflow_env import airflow_home

ISSUE_DATE = "2021-04-01"
# the sample issue of 2021-04-01 (内蒙古日报; dated by its datelines, 本报4月1日讯)
SAMPLE_ISSUE = conftest.REPO / "data" / "sample" / "000_7778472d3299ae51.txt"
DAILY_TASKS = {"wait_for_input", "ingest", "nlp", "analyze"}

# Tables the daily run writes, with the columns that legitimately differ between two runs of the
# same date (ids and times of the run that wrote the row); `runs` grows by design and is checked
# on its own.
SNAPSHOT_TABLES: dict[str, tuple[str, ...]] = {
    "documents": (), "quarantine": ("run_id",), "articles": (),
    "article_tokens": (), "terms": (), "entities": (),
    "article_daily": (), "term_daily": (), "entity_daily": (),
    "article_monthly": (), "term_monthly": (), "entity_monthly": (),
    "keywords": (), "term_trends": (), "entity_trends": (),
    "topic_models": ("fitted_at", "run_id"), "topics": (), "article_topics": (), "topic_trends": (),
}

# Rows of the issue date that a run must have written: (label, table, condition)
DATE_ROWS = [
    ("documents", "documents", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("articles", "articles", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("article_tokens", "article_tokens", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("terms", "terms", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("entities", "entities", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("keywords[day]", "keywords", f"scope = 'day' AND period_start = DATE'{ISSUE_DATE}'"),
    ("keywords[article]", "keywords", f"scope = 'article' AND period_start = DATE'{ISSUE_DATE}'"),
    ("term_trends[day]", "term_trends", f"granularity = 'day' AND period_start = DATE'{ISSUE_DATE}'"),
    ("article_topics", "article_topics", f"issue_date = DATE'{ISSUE_DATE}'"),
    ("topic_trends[day]", "topic_trends", f"granularity = 'day' AND period_start = DATE'{ISSUE_DATE}'"),
]

# HOCON given through the Variable newstrends_config (so --config is exercised too): fewer shuffle
# partitions keep the test's runs short on a small machine. (The topic model keeps its 60
# iterations: a day's few articles are fitted in the driver in a second or two.)
TEST_CONFIG = """\
newstrends.spark.conf { "spark.sql.shuffle.partitions" = "2" }
"""


def snapshot_query(tables: list[str]) -> str:
    """One query (one spark-submit) over every table: row count, an order-independent digest of
    the rows (sum of a 64-bit hash of each row without its run-specific columns), the date's rows."""
    parts = []
    for table in tables:
        excluded = SNAPSHOT_TABLES[table]
        row = f"struct(* EXCEPT ({', '.join(excluded)}))" if excluded else "struct(*)"
        parts.append(f"SELECT 'table:{table}' AS what, count(*) AS n, "
                     f"CAST(coalesce(sum(CAST(xxhash64({row}) AS DECIMAL(38, 0))), 0) AS STRING) AS digest "
                     f"FROM {table}")
    for label, table, condition in DATE_ROWS:
        parts.append(f"SELECT 'date:{label}', count(*), NULL FROM {table} WHERE {condition}")
    has_date = f"CAST(array_contains(issue_dates, DATE'{ISSUE_DATE}') AS STRING)"
    parts.append(f"SELECT concat('runs:', command, ':', status, ':', {has_date}), count(*), NULL "
                 f"FROM runs GROUP BY command, status, {has_date}")
    return " UNION ALL ".join(parts)


def warehouse_state(jar: Path, warehouse: Path) -> dict:
    """What the warehouse holds: per table (count, digest), the date's row counts, the runs by
    command and status, and the saved topic models."""
    tables = sorted(t for t in SNAPSHOT_TABLES if (warehouse / t / "_delta_log").is_dir())
    rows = conftest.sql(jar, warehouse, snapshot_query(tables))
    state = {"tables": {}, "date": {}, "runs": {}, "tables_missing": sorted(set(SNAPSHOT_TABLES) - set(tables))}
    for row in rows:
        kind, name = row["what"].split(":", 1)
        if kind == "table":
            state["tables"][name] = (row["n"], row["digest"])
        elif kind == "date":
            state["date"][name] = row["n"]
        else:
            state["runs"][name] = row["n"]
    models = warehouse / "_models"
    state["models"] = sorted(p.name for p in models.glob("topics/*")) if models.is_dir() else []
    return state


def assert_succeeded(outcome: dict, output: str) -> None:
    states = {task: info["state"] for task, info in outcome["tasks"].items()}
    assert outcome["state"] == "success" and states == dict.fromkeys(DAILY_TASKS, "success"), (
        f"the DAG run did not succeed: {outcome}\n{output[-8000:]}")


@pytest.fixture
def landed_input(tmp_path: Path) -> Path:
    """The landing convention: one folder per issue date under the input root."""
    root = tmp_path / "input"
    (root / ISSUE_DATE).mkdir(parents=True)
    shutil.copy(SAMPLE_ISSUE, root / ISSUE_DATE / SAMPLE_ISSUE.name)
    return root


def test_daily_run_loads_the_date_and_a_rerun_changes_nothing(jars, tmp_path, landed_input, sample_warehouse):
    warehouse = tmp_path / "warehouse"
    config = tmp_path / "test.conf"
    config.write_text(TEST_CONFIG, encoding="utf-8")
    # newstrends_jar is left unset: the DAG's default, the checkout's target/newstrends-all.jar
    assert jars.all == conftest.REPO / "target" / "newstrends-all.jar"
    # the sample run recorded a class-data archive; the tasks map it, as jobs/README.md shows
    java_options = conftest.archive_java_options()
    assert "-XX:SharedArchiveFile=" in java_options
    home = airflow_home(tmp_path / "airflow", variables={
        "newstrends_input": str(landed_input),
        "newstrends_warehouse": str(warehouse),
        "newstrends_config": str(config),
        "newstrends_driver_memory": "3g",
        "newstrends_driver_java_options": java_options,
    })

    started = time.monotonic()
    first, output = home.dag_test("newstrends_daily", ISSUE_DATE)
    assert_succeeded(first, output)
    assert all(info["try_number"] == 1 for info in first["tasks"].values()), first
    ran_once = time.monotonic()
    after_one = warehouse_state(jars.all, warehouse)

    assert after_one["tables_missing"] == [], after_one
    empty = {label: n for label, n in after_one["date"].items() if n == 0}
    assert not empty, f"no rows for {ISSUE_DATE} in {sorted(empty)}: {after_one}"
    # every article of the date went through nlp and got its topic weights
    date = after_one["date"]
    assert date["articles"] == date["article_tokens"] == date["article_topics"], after_one
    assert after_one["date"]["documents"] == 1, after_one
    assert after_one["runs"] == {f"{c}:succeeded:true": 1 for c in ("ingest", "nlp", "analyze")}, after_one
    assert len(after_one["models"]) == 1, after_one

    looked = time.monotonic()
    second, output = home.dag_test("newstrends_daily", ISSUE_DATE)
    assert_succeeded(second, output)
    ran_twice = time.monotonic()
    after_two = warehouse_state(jars.all, warehouse)
    print(f"first run {ran_once - started:.0f} s, snapshot {looked - ran_once:.0f} s, "
          f"second run {ran_twice - looked:.0f} s, snapshot {time.monotonic() - ran_twice:.0f} s")

    assert after_two["tables"] == after_one["tables"], {
        table: (after_one["tables"].get(table), after_two["tables"].get(table))
        for table in set(after_one["tables"]) | set(after_two["tables"])
        if after_one["tables"].get(table) != after_two["tables"].get(table)}
    assert after_two["date"] == after_one["date"]
    assert after_two["models"] == after_one["models"]
    # the run log is the one table that grows: one more succeeded run of each stage
    assert after_two["runs"] == {f"{c}:succeeded:true": 2 for c in ("ingest", "nlp", "analyze")}, after_two


def test_a_failing_stage_fails_at_once_with_the_job_error_line(jars, tmp_path, landed_input):
    """A configuration the job rejects: spark-submit exits 2, the task fails on its first try (no
    retry can mend a configuration), the downstream stages do not run, and the log carries the
    job's own one-line reason in the task's exception and in the failure callback's summary."""
    config = tmp_path / "bad.conf"
    config.write_text("newstrends.ingest.no-such-setting = 1\n", encoding="utf-8")
    home = airflow_home(tmp_path / "airflow", variables={
        "newstrends_input": str(landed_input),
        "newstrends_warehouse": str(tmp_path / "warehouse"),
        "newstrends_config": str(config),
        "newstrends_driver_memory": "1g",
    })

    outcome, output = home.dag_test("newstrends_daily", ISSUE_DATE)

    assert outcome["state"] == "failed", outcome
    tasks = outcome["tasks"]
    assert tasks["wait_for_input"]["state"] == "success", outcome
    assert tasks["ingest"] == {"state": "failed", "try_number": 1}, outcome
    assert tasks["nlp"]["state"] == tasks["analyze"]["state"] == "upstream_failed", outcome
    reason = "newstrends: invalid configuration: newstrends.ingest.no-such-setting is not a known setting"
    assert (f"AirflowFailException: newstrends ingest for {ISSUE_DATE} failed: spark-submit exited with 2: {reason}"
            in output), output[-8000:]
    assert f"newstrends_daily.ingest for {ISSUE_DATE} failed after 1 attempt(s): " in output, output[-8000:]
    assert not (tmp_path / "warehouse").exists()


def test_a_missing_connection_or_jar_fails_at_once_saying_what_to_set(tmp_path, landed_input):
    """Deployment mistakes fail on the first try with what to set, before any spark-submit (the
    provider alone would fall back to --master yarn without a connection)."""
    home = airflow_home(tmp_path / "airflow", spark_master=None, variables={
        "newstrends_input": str(landed_input),
        "newstrends_warehouse": str(tmp_path / "warehouse"),
    })
    outcome, output = home.dag_test("newstrends_daily", ISSUE_DATE)
    assert outcome["state"] == "failed" and outcome["tasks"]["ingest"] == {"state": "failed", "try_number": 1}, outcome
    assert "AirflowFailException: the Airflow connection 'newstrends_spark' is not defined" in output, output[-8000:]
    assert "Spark-Submit cmd" not in output

    home.env["AIRFLOW_CONN_NEWSTRENDS_SPARK"] = '{"conn_type": "spark", "host": "local[2]"}'
    home.env["AIRFLOW_VAR_NEWSTRENDS_JAR"] = str(tmp_path / "no-such.jar")
    outcome, output = home.dag_test("newstrends_daily", ISSUE_DATE)
    assert outcome["state"] == "failed" and outcome["tasks"]["ingest"] == {"state": "failed", "try_number": 1}, outcome
    assert (f"AirflowFailException: the application jar {tmp_path / 'no-such.jar'} does not exist: build it "
            "(mvn package) or set the Airflow Variable newstrends_jar") in output, output[-8000:]
    assert "Spark-Submit cmd" not in output
    assert not (tmp_path / "warehouse").exists()
