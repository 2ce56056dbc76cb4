"""What the newstrends DAGs share: where things are, the Spark connection, and the operator that
runs one newstrends command under spark-submit. Not a DAG itself (.airflowignore keeps the DAG
processor from parsing it); the DAG files beside it import it, which works because Airflow puts the
root of the DAG bundle on sys.path and this folder is meant to be that root (see jobs/README.md).

Nothing here touches the Airflow metadata database when a file is parsed: the Variables are read
through Jinja (``{{ var.value.get(name, default) }}``) when a task runs, and the connection is
looked up by the task.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import BaseHook, BaseSensorOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowNotFoundException

log = logging.getLogger(__name__)

#: The checkout this file lives in (jobs/dags/ -> the repository): the default jar and folders.
REPO = Path(__file__).resolve().parents[2]

MAIN_CLASS = "io.newstrends.cli.Main"

#: The Spark connection every task submits through: its host is the master (``local[*]``,
#: ``yarn``, ``spark://host:7077``, ``k8s://https://…``), its extras the deploy mode, queue or
#: spark-binary, as the apache-spark provider reads them.
SPARK_CONN_ID = "newstrends_spark"

#: The Airflow Variables the DAGs read at run time, with the value used when one is not set.
VARIABLES: dict[str, str] = {
    # input root; the day's issues land in <input>/<YYYY-MM-DD>/ (any depth below it)
    "newstrends_input": str(REPO / "landing"),
    # table root: one Delta table per <warehouse>/<table>
    "newstrends_warehouse": str(REPO / "warehouse"),
    # the self-contained application jar (Delta and HanLP inside), as `mvn package` builds it
    "newstrends_jar": str(REPO / "target" / "newstrends-all.jar"),
    # optional HOCON file overriding conf/newstrends.conf (passed as --config when not empty)
    "newstrends_config": "",
    # spark.driver.memory of every submit
    "newstrends_driver_memory": "4g",
    # spark.log.level: Spark's own logging in the task logs (INFO writes megabytes a day)
    "newstrends_spark_log_level": "WARN",
    # spark.driver.extraJavaOptions of every submit when not empty (e.g. a class-data archive)
    "newstrends_driver_java_options": "",
    # optional marker file name (e.g. _SUCCESS) the sensor waits for instead of the first *.txt
    "newstrends_ready_marker": "",
}


def dag_arguments(*, retry_delay: timedelta) -> dict[str, Any]:
    """What both DAGs pass to ``DAG(...)`` besides their id and schedule: a fixed start date (catchup
    is off; backfills may go earlier), one run at a time, two retries ``retry_delay`` apart, and the
    failure line of :func:`log_failure`."""
    return {
        "start_date": datetime(2000, 1, 1, tzinfo=timezone.utc),
        "catchup": False,
        "max_active_runs": 1,
        "default_args": {
            "owner": "newstrends",
            "retries": 2,
            "retry_delay": retry_delay,
            "on_failure_callback": log_failure,
        },
        "tags": ["newstrends"],
    }


def var(name: str) -> str:
    """A Jinja expression reading the Variable ``name`` when the task runs, with its default."""
    return "{{ var.value.get(%r, %r) }}" % (name, VARIABLES[name])


def ds_args(*options: str) -> list[str]:
    """Command-line options of a daily command: the given ones (Variable names) and --date {{ ds }}."""
    args: list[str] = []
    for option in options:
        args += [f"--{option}", var(f"newstrends_{option}")]
    return [*args, "--date", "{{ ds }}"]


# --------------------------------------------------------------------------------------------
# The sensor's check
# --------------------------------------------------------------------------------------------

def issue_landed(input_root: str, issue_date: str, marker: str = "") -> bool:
    """True once ``<input_root>/<issue_date>/`` holds an issue: at least one visible ``*.txt`` at
    any depth (names starting with ``.`` or ``_`` are hidden, as for ingest), or, when ``marker``
    is set, the file ``<input_root>/<issue_date>/<marker>``.

    Only local (or ``file:``) input roots can be watched from the Airflow worker; any other scheme
    fails the task at once instead of letting ingest run on a day that may not be there.
    """
    root = input_root
    if root.startswith("file:"):
        root = re.sub(r"^file:(//)?", "", root)
    elif "://" in root:
        raise AirflowFailException(
            f"wait_for_input can only watch a local input root, not {input_root}: replace the sensor "
            f"with one for that file system (see jobs/README.md)")
    day = Path(root) / issue_date
    if marker:
        ready = (day / marker).is_file()
        log.info("waiting for %s: %s", day / marker, "found" if ready else "not there yet")
        return ready
    if not day.is_dir():
        log.info("waiting for %s: the folder does not exist yet", day)
        return False
    for path in sorted(day.rglob("*")):
        relative = path.relative_to(day).parts
        if (path.suffix.lower() == ".txt" and path.is_file()
                and not any(part.startswith((".", "_")) for part in relative)):
            log.info("issue found for %s: %s", issue_date, path)
            return True
    log.info("waiting for %s: no *.txt there yet", day)
    return False


class IssueSensor(BaseSensorOperator):
    """Waits until the issue of ``issue_date`` has landed under ``input_root`` (see
    :func:`issue_landed`). All three arguments are templated."""

    template_fields = ("input_root", "issue_date", "marker")
    ui_color = "#e9c46a"

    def __init__(self, *, input_root: str, issue_date: str = "{{ ds }}", marker: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.input_root = input_root
        self.issue_date = issue_date
        self.marker = marker

    def poke(self, context: Any) -> bool:
        return issue_landed(self.input_root, self.issue_date, self.marker)


# --------------------------------------------------------------------------------------------
# Failure reporting
# --------------------------------------------------------------------------------------------

_EXIT_CODE = re.compile(r"Error code is: (-?\d+)")
_SPARK_LOG_LINE = re.compile(r"^\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} (TRACE|DEBUG|INFO|WARN) ")
_TAIL_HEADER = "Last spark-submit output:"


def explain_submit_failure(message: str) -> tuple[int | None, str]:
    """The exit code and the one line that says why, from the provider's failure message (which
    ends with the last lines spark-submit printed). newstrends prints its reason as one stderr line
    starting ``newstrends:``; failing that (spark-submit could not start the job at all), the first
    exception or error line, else the last line that is not routine Spark logging."""
    found = _EXIT_CODE.search(message)
    code = int(found.group(1)) if found else None
    tail = message.split(_TAIL_HEADER, 1)[1] if _TAIL_HEADER in message else ""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    job = [line for line in lines if line.startswith("newstrends:")]
    if job:
        return code, job[-1]
    errors = [line for line in lines if re.search(r"Exception|Error|error:", line)]
    if errors:
        return code, errors[0]
    plain = [line for line in lines if not _SPARK_LOG_LINE.match(line)]
    if plain:
        return code, plain[-1]
    first = message.strip().splitlines()
    return code, first[0] if first else "no output"


def log_failure(context: Any) -> None:
    """on_failure_callback: one line naming the task, the issue date and the reason. Called once a
    task has failed for good (after its retries); hang an alert (a notifier) here if wanted."""
    ti = context["ti"]
    error = context.get("exception")
    reason = str(error).strip().splitlines()[0] if error is not None and str(error).strip() else repr(error)
    log.error("newstrends: %s.%s for %s failed after %s attempt(s): %s", ti.dag_id, ti.task_id,
              context.get("ds"), ti.try_number, reason)


# --------------------------------------------------------------------------------------------
# The operator
# --------------------------------------------------------------------------------------------

class NewstrendsSubmitOperator(SparkSubmitOperator):
    """``spark-submit --class io.newstrends.cli.Main <jar> <command> <args> [--config FILE]`` through
    the ``newstrends_spark`` connection, failing with one readable line.

    - The jar, the config file and the driver memory come from Variables (templated).
    - Before submitting: a missing connection or a missing local jar fails at once, without
      retries, saying what to set.
    - A non-zero exit of spark-submit fails the task with the job's own error line (newstrends
      prints one on stderr). Exit 2 is a bad command line or configuration: no retry can mend it,
      so it fails without retrying; other failures retry as the DAG says.
    """

    template_fields = (*SparkSubmitOperator.template_fields, "config_file")
    ui_color = "#f4a261"

    def __init__(self, *, command: str, command_args: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("execution_timeout", timedelta(hours=4))
        super().__init__(
            application=var("newstrends_jar"),
            java_class=MAIN_CLASS,
            conn_id=SPARK_CONN_ID,
            application_args=[command, *command_args],
            # driver_memory is not a templated field of the provider's operator; conf is
            conf={"spark.driver.memory": var("newstrends_driver_memory"),
                  "spark.log.level": var("newstrends_spark_log_level"),
                  "spark.driver.extraJavaOptions": var("newstrends_driver_java_options")},
            name=f"newstrends-{command}-{{{{ ds }}}}",
            **kwargs,
        )
        self.command = command
        self.config_file = var("newstrends_config")

    def execute(self, context: Any) -> None:
        # A Variable left empty passes nothing, so the cluster's spark-defaults.conf still applies.
        self.conf = {key: value for key, value in (self.conf or {}).items() if str(value).strip()}
        self._check_connection()
        self._check_application()
        if self.config_file:
            self.application_args = [*self.application_args, "--config", self.config_file]
        what = f"newstrends {self.command} for {context.get('ds')}"
        try:
            super().execute(context)
        except FileNotFoundError as e:
            # Popen could not find the binary
            raise AirflowFailException(
                f"{what}: cannot run {e.filename or 'spark-submit'}: it is not on the PATH of the Airflow "
                f"worker (put Spark's bin/ or a pyspark environment's bin/ there)") from e
        except AirflowException as e:
            code, reason = explain_submit_failure(str(e))
            exited = f"spark-submit exited with {code}" if code is not None else "spark-submit failed"
            message = f"{what} failed: {exited}: {reason}"
            if code == 2:
                raise AirflowFailException(message + " (a command-line or configuration error: not retried)") from e
            raise AirflowException(message) from e
        self.log.info("%s succeeded", what)

    def _check_connection(self) -> None:
        try:
            BaseHook.get_connection(SPARK_CONN_ID)
        except AirflowNotFoundException:
            raise AirflowFailException(
                f"the Airflow connection {SPARK_CONN_ID!r} is not defined: create it with conn type spark and "
                f"the Spark master as host (e.g. AIRFLOW_CONN_{SPARK_CONN_ID.upper()}="
                f"'{{\"conn_type\": \"spark\", \"host\": \"local[*]\"}}'); see jobs/README.md") from None

    def _check_application(self) -> None:
        jar = self.application
        if "://" in jar and not jar.startswith("file:"):
            return  # hdfs://, s3a://, local:// … : spark-submit resolves those
        path = Path(re.sub(r"^file:(//)?", "", jar))
        if not path.is_file():
            raise AirflowFailException(
                f"the application jar {jar} does not exist: build it (mvn package) or set the Airflow "
                f"Variable newstrends_jar to where it is")
