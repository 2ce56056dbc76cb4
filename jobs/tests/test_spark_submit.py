"""The application jars under the real spark-submit of the pip pyspark distribution, the two
ways the README shows: the self-contained jar alone, and the app jar with Delta from --packages."""

from __future__ import annotations

import zipfile

from conftest import DELTA_PACKAGE, archive_java_options, sql, submit


def test_self_contained_jar_bundles_delta_and_hanlp_but_not_spark(jars):
    with zipfile.ZipFile(jars.all) as jar:
        names = set(jar.namelist())
        services = jar.read("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister").decode()
    assert "io/delta/sql/DeltaSparkSessionExtension.class" in names
    assert "org.apache.spark.sql.delta.sources.DeltaDataSource" in services
    assert "io/newstrends/cli/Main.class" in names
    assert any(n.startswith("com/hankcs/hanlp/") for n in names)
    assert any(n.startswith("data/dictionary/") for n in names), "HanLP's dictionaries must travel in the jar"
    assert "conf/newstrends.conf" in names
    assert "org/apache/spark/sql/SparkSession.class" not in names, "Spark itself must be left out"
    assert not any(n.startswith("scala/") for n in names)


def test_app_jar_leaves_delta_to_packages(jars):
    with zipfile.ZipFile(jars.app) as jar:
        names = set(jar.namelist())
    assert "io/newstrends/cli/Main.class" in names
    assert any(n.startswith("com/hankcs/hanlp/") for n in names)
    assert any(n.startswith("com/typesafe/config/") for n in names)
    assert not any(n.startswith("io/delta/") for n in names)


def test_run_on_the_sample_corpus_with_the_self_contained_jar(jars, sample_warehouse, tmp_path):
    assert "38 article(s)" in sample_warehouse.stdout
    # this driver maps the classes the run recorded (conftest's class-data archive), thousands of them
    loaded = tmp_path / "classes.log"
    java_options = f"{archive_java_options()} -Xlog:class+load=info:file={loaded}"
    rows = sql(jars.all, sample_warehouse.path, driver_java_options=java_options, query="""
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM articles) AS articles,
               (SELECT count(DISTINCT source_path) FROM quarantine) AS quarantined_files,
               (SELECT count(DISTINCT article_id) FROM article_tokens) AS segmented,
               (SELECT count(DISTINCT period_start) FROM keywords WHERE scope = 'day') AS keyword_days,
               (SELECT count(*) FROM topics) AS topic_terms,
               (SELECT count(DISTINCT article_id) FROM article_topics) AS articles_with_topics,
               (SELECT count(*) FROM runs WHERE command = 'run' AND status = 'succeeded') AS runs""")
    assert rows == [{"documents": 5, "articles": 38, "quarantined_files": 1, "segmented": 38,
                     "keyword_days": 5, "topic_terms": rows[0]["topic_terms"], "articles_with_topics": 38,
                     "runs": 1}]
    assert rows[0]["topic_terms"] > 0
    shared = loaded.read_text(encoding="utf-8").count("source: shared objects file (top)")
    assert shared > 1000, f"the driver mapped {shared} classes from the class-data archive"


def test_ingest_with_delta_from_packages(jars, tmp_path):
    warehouse = tmp_path / "warehouse"
    result = submit(jars.app, ["ingest", "--warehouse", str(warehouse)], packages=True)
    assert result.returncode == 0, result.stderr[-6000:]
    assert "38 article(s)" in result.stdout
    # Read back through the same packages form: Delta came from Maven Central, not from our jar.
    read = submit(jars.app, ["sql", "--warehouse", str(warehouse), "--format", "csv",
                             "SELECT count(*) AS n FROM articles"], packages=True)
    assert read.returncode == 0, read.stderr[-6000:]
    assert read.stdout.strip().splitlines()[-1] == "38"
    group, artifact, version = DELTA_PACKAGE.split(":")
    assert f"found {group}#{artifact};{version} in central" in read.stderr  # Ivy's resolution report
