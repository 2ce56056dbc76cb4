"""
### newstrends_daily

One run per issue date (``{{ ds }}``): wait for the day's issues, then ``ingest``, ``nlp`` and
``analyze`` of that date, each a ``spark-submit`` of the newstrends jar.

- **Schedule**: every day at 00:00 UTC (08:00 in China) for the issue date that starts then: the
  run for 2021-04-01 starts 2021-04-01T00:00Z and waits for that day's papers.
- **wait_for_input**: at least one ``*.txt`` under ``<input>/<YYYY-MM-DD>/`` (or the marker file
  named by the Variable ``newstrends_ready_marker``). Reschedule mode: it gives its worker slot
  back between pokes, looks every 10 minutes and gives up after 18 hours (the task fails; a day
  without papers shows as a failed run).
- **ingest / nlp / analyze**: ``--date {{ ds }}``; each retries twice, 10 minutes apart. Every
  stage rewrites exactly that date's rows, so a re-run (clear the run, or backfill with
  ``--reprocess-behavior completed``) leaves the tables as one run did.
- One run at a time: ``analyze`` compares a date with the dates before it, so backfills go in
  date order: ``airflow backfill create --dag-id newstrends_daily --from-date … --to-date …
  --max-active-runs 1`` (a backfill does not inherit ``max_active_runs``; its own default is 10).

Variables (read when a task runs; defaults in brackets): ``newstrends_input`` [<repo>/landing],
``newstrends_warehouse`` [<repo>/warehouse], ``newstrends_jar`` [<repo>/target/newstrends-all.jar],
``newstrends_config`` [none], ``newstrends_driver_memory`` [4g], ``newstrends_spark_log_level`` [WARN],
``newstrends_ready_marker`` [none].
Connection: ``newstrends_spark`` (conn type spark, host = the master). See jobs/README.md.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable

from newstrends_common import IssueSensor, NewstrendsSubmitOperator, dag_arguments, ds_args, var

with DAG(
    dag_id="newstrends_daily",
    description="ingest, nlp and analyze of one issue date of the regional newspapers",
    doc_md=__doc__,
    # The logical date is the issue date: a trigger timetable (not a data interval) makes the run
    # for day D start on D, whatever [scheduler] create_cron_data_intervals says.
    schedule=CronTriggerTimetable("@daily", timezone="UTC"),
    **dag_arguments(retry_delay=timedelta(minutes=10)),
) as dag:
    wait_for_input = IssueSensor(
        task_id="wait_for_input",
        input_root=var("newstrends_input"),
        issue_date="{{ ds }}",
        marker=var("newstrends_ready_marker"),
        mode="reschedule",
        poke_interval=timedelta(minutes=10),
        timeout=timedelta(hours=18),
    )

    ingest = NewstrendsSubmitOperator(task_id="ingest", command="ingest", command_args=ds_args("input", "warehouse"))
    nlp = NewstrendsSubmitOperator(task_id="nlp", command="nlp", command_args=ds_args("warehouse"))
    analyze = NewstrendsSubmitOperator(task_id="analyze", command="analyze", command_args=ds_args("warehouse"))

    wait_for_input >> ingest >> nlp >> analyze
