"""
### newstrends_maintenance

Once a week, ``newstrends maintain``: OPTIMIZE (compaction of the small files daily runs leave,
by date, into files a later rerun of a date rewrites cheaply; README, Tables) and VACUUM (removal of files no table version needs any more, older than
``newstrends.maintain.vacuum-retention-hours``, at least 168 h) of every table, as one
``spark-submit``.

Sunday 12:00 UTC (20:00 in China), away from the daily runs, which start at 00:00 UTC. Delta
commits optimistically, so a daily run that does overlap is safe: the losing commit fails and the
task retries. Variables and connection as for ``newstrends_daily`` (only ``newstrends_warehouse``,
``newstrends_jar``, ``newstrends_config``, ``newstrends_driver_memory`` and
``newstrends_spark_log_level`` matter here).
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable

from newstrends_common import NewstrendsSubmitOperator, dag_arguments, var

with DAG(
    dag_id="newstrends_maintenance",
    description="weekly OPTIMIZE and VACUUM of the newstrends tables",
    doc_md=__doc__,
    schedule=CronTriggerTimetable("0 12 * * 0", timezone="UTC"),
    **dag_arguments(retry_delay=timedelta(minutes=30)),
) as dag:
    maintain = NewstrendsSubmitOperator(
        task_id="maintain",
        command="maintain",
        command_args=["--warehouse", var("newstrends_warehouse")],
        execution_timeout=timedelta(hours=6),
    )
