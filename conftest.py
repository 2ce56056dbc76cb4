"""Fixtures shared by the Python tests: the built application jars, the pip pyspark's real
spark-submit, and one warehouse built from the sample corpus by spark-submit (session-scoped:
several test modules read it, and building it costs a full `run`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
MAIN_CLASS = "io.newstrends.cli.Main"
DELTA_PACKAGE = "io.delta:delta-spark_2.13:4.3.1"


# Test speed only, for every JVM these tests start (spark-submit's, the drivers', the Airflow
# tasks', the notebooks' and the sql look-ups'); what the jobs compute does not depend on either.
# - C1 only, with the serial collector: on a few articles the JIT's optimizing tier costs more than
#   it saves. C1 alone reserves only 48 MB of code cache, which analyze outgrows (53 MB on the
#   sample; when it is full the JVM dies making a method-handle intrinsic), hence 256 MB.
# - Spark's interpreted expressions instead of generated code, as system properties (a SparkConf
#   reads spark.* from them): a run of the sample generates about 770 classes, and compiling them
#   costs more than they save on so few rows. (Not a SPARK_CONF_DIR: a directory on the class path
#   stops the JVM from writing the class-data archive.)
# The Java tests and bin/test's smoke run keep the defaults that users run with. A spark-submit of
# the sample `run` took 0.67 of the time with both (benchmark/LOG.md, "The Python tests' JVMs").
QUICK_JVM = ("-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:+UseSerialGC"
             " -Dspark.sql.codegen.wholeStage=false -Dspark.sql.codegen.factoryMode=NO_CODEGEN")


def spark_env() -> dict[str, str]:
    """The environment a user of the venv has: its bin/ first on PATH (spark-submit of the pip
    pyspark, and the python that spark-submit's launcher uses to find SPARK_HOME), with the
    tests' JVM options above."""
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    env.pop("SPARK_HOME", None)
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    env["PYSPARK_PYTHON"] = sys.executable
    env["JAVA_TOOL_OPTIONS"] = QUICK_JVM
    return env


def spark_submit_binary() -> str:
    binary = Path(sys.executable).parent / "spark-submit"
    assert binary.exists(), f"{binary} missing: run bin/setup-python"
    return str(binary)


@dataclass(frozen=True)
class Jars:
    all: Path   # self-contained: ours + Delta + HanLP + config
    app: Path   # ours + HanLP + config; Delta from --packages


@pytest.fixture(scope="session")
def jars() -> Jars:
    """The jars `mvn package` builds (bin/test builds them before the Python tests run)."""
    built = Jars(all=REPO / "target" / "newstrends-all.jar", app=REPO / "target" / "newstrends-app.jar")
    if not (built.all.exists() and built.app.exists()):
        subprocess.run(["mvn", "-q", "-B", "-ntp", "-DskipTests", "package"], cwd=REPO, check=True)
    return built


# The class-data archive the first `run` of the session records (see sample_warehouse): later
# drivers map Spark's, Delta's and HanLP's classes from it instead of loading them one by one, as
# jobs/README.md shows for Airflow. It changes how fast a JVM starts, not what the jobs compute.
_class_archive: Path | None = None


def archive_java_options() -> str:
    """Driver JVM options that use the session's class-data archive; empty before it exists."""
    if _class_archive is None or not _class_archive.is_file():
        return ""
    return f"-XX:SharedArchiveFile={_class_archive} -Xlog:cds=off -Xlog:cds+dynamic=off"


def submit(jar: Path, args: list[str], *, packages: bool = False, driver_memory: str = "3g",
           timeout: int = 900, driver_java_options: str | None = None) -> subprocess.CompletedProcess:
    """Runs `spark-submit --class Main [--packages delta] <jar> <args>` in local[2], as the README shows;
    the driver maps the session's class-data archive once there is one."""
    command = [spark_submit_binary(), "--class", MAIN_CLASS, "--master", "local[2]",
               "--driver-memory", driver_memory,
               "--conf", "spark.ui.enabled=false"]
    java_options = archive_java_options() if driver_java_options is None else driver_java_options
    if java_options:
        command += ["--driver-java-options", java_options]
    if packages:
        command += ["--conf", f"spark.jars.ivySettings={REPO / 'conf' / 'ivysettings.xml'}",
                    "--packages", DELTA_PACKAGE]
    command += [str(jar), *args]
    return subprocess.run(command, env=spark_env(), capture_output=True, text=True, timeout=timeout)


def sql(jar: Path, warehouse: Path, query: str, *, driver_java_options: str | None = None) -> list[dict]:
    """Rows of a query over the warehouse, read by the job's own `sql --format jsonl`."""
    result = submit(jar, ["sql", "--warehouse", str(warehouse), "--format", "jsonl", query],
                    driver_java_options=driver_java_options)
    assert result.returncode == 0, result.stderr[-4000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@dataclass(frozen=True)
class BuiltWarehouse:
    path: Path
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def sample_warehouse(jars: Jars, tmp_path_factory) -> BuiltWarehouse:
    """`run` on the embedded sample corpus with the self-contained jar under the real spark-submit.
    It records the classes its driver loaded in a class-data archive, which later submits map."""
    global _class_archive
    path = tmp_path_factory.mktemp("sample") / "warehouse"
    archive = path.parent / "spark-submit.jsa"
    result = submit(jars.all, ["run", "--warehouse", str(path)],
                    driver_java_options=f"-XX:ArchiveClassesAtExit={archive} -Xlog:cds=off -Xlog:cds+dynamic=off")
    assert result.returncode == 0, f"spark-submit run failed:\n{result.stderr[-6000:]}"
    _class_archive = archive
    return BuiltWarehouse(path=path, stdout=result.stdout, stderr=result.stderr)
