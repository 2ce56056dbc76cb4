#!/usr/bin/env python3
"""COMPARISON BASELINE, not part of newstrends: the usual way people do Chinese text on Spark —
jieba in a Python UDF, then Spark MLlib's CountVectorizer and IDF — computing keywords per day
and per day x region.

    python benchmark/peers/pyspark_jieba.py --articles articles.jsonl --out keywords.parquet [--master 'local[2]']

(with the venv's bin/ first on PATH, so pip pyspark finds its Spark home). Reads the articles
newstrends exported (article_id, issue_date, region_code, body, one JSON object a line);
segments them with jieba.posseg in a pandas UDF returning the candidate terms (tags n*, vn, j,
two or more characters, minus conf/stopwords.txt and conf/generic-terms.txt); caches the term
lists; counts them per article with CountVectorizer (minDF 2), makes the counts sublinear
(1 + ln tf), fits MLlib IDF over the articles; sums each day's and each day x region's article
vectors (a group is one document) and keeps the top 20 per group. MLlib's IDF is
ln((m + 1) / (df + 1)); the `+ 1` of the smoothed IDF newstrends and scikit-learn use is added
when the group sums are formed, so all three score with one formula. Writes scope, period_start,
region_code, term, score, rank (parquet, one file) and prints one JSON line of stage timings.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from common import ALL_REGIONS, CONF, MIN_DF, OUTPUT_COLUMNS, TOP_N, Segmenter  # noqa: E402


def spark_session(master: str, driver_memory: str, shuffle_partitions: int):
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName("peer-pyspark-jieba")
            .config("spark.driver.memory", driver_memory)
            .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate())


def keywords(spark, articles, segmenter: Segmenter, top_n: int = TOP_N, min_df: int = MIN_DF,
             timings: dict | None = None, partitions: int | None = None):
    """articles: DataFrame(article_id, issue_date, region_code, body) -> DataFrame(OUTPUT_COLUMNS)."""
    from pyspark import StorageLevel
    from pyspark.ml.feature import IDF, CountVectorizer
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    timings = timings if timings is not None else {}
    spark.sparkContext.addPyFile(common.__file__)  # the UDF's Segmenter lives in common.py

    @F.pandas_udf(T.ArrayType(T.StringType()))
    def segment(bodies: pd.Series) -> pd.Series:
        return bodies.map(segmenter)

    @F.udf(VectorUDT())
    def sublinear(v):
        return SparseVector(v.size, v.indices, [1.0 + math.log(x) for x in v.values])

    entry = T.StructType([T.StructField("i", T.IntegerType()), T.StructField("w", T.DoubleType()),
                          T.StructField("s", T.DoubleType())])

    @F.udf(T.ArrayType(entry))
    def entries(w, s):
        # w: 1 + ln tf; s: w * MLlib idf. Returned s is w * (MLlib idf + 1) = w * smoothed idf.
        # (Both vectors have the same nonzero indices: every vocabulary term has df >= minDF.)
        si = dict(zip(s.indices.tolist(), s.values.tolist()))
        return [(int(i), float(x), si.get(int(i), 0.0) + float(x)) for i, x in zip(w.indices, w.values)]

    t0 = time.perf_counter()
    parts = partitions or spark.sparkContext.defaultParallelism * 4  # a JSON file of < 128 MB is one split
    terms = (articles.repartition(parts)
             .select("article_id", F.col("issue_date").cast("string").alias("issue_date"),
                     F.col("region_code").cast("string").alias("region_code"),
                     segment(F.coalesce(F.col("body"), F.lit(""))).alias("terms"))
             .persist(StorageLevel.MEMORY_AND_DISK))
    n_articles = terms.count()
    timings["segment"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    cv = CountVectorizer(inputCol="terms", outputCol="tf", minDF=float(min_df), vocabSize=1 << 22).fit(terms)
    vocabulary = cv.vocabulary
    if not vocabulary:
        terms.unpersist()
        empty = "scope string, period_start string, region_code string, term string, score double, rank int"
        return spark.createDataFrame([], empty), n_articles
    counted = cv.transform(terms).withColumn("w", sublinear("tf"))
    idf = IDF(inputCol="w", outputCol="tfidf", minDocFreq=min_df).fit(counted)
    scored = (idf.transform(counted)
              .select("issue_date", "region_code", F.explode(entries("w", "tfidf")).alias("e"))
              .select("issue_date", "region_code", F.col("e.i").alias("i"), F.col("e.w").alias("w"),
                      F.col("e.s").alias("s"))
              .persist(StorageLevel.MEMORY_AND_DISK))
    vocab = spark.createDataFrame(list(enumerate(vocabulary)), "i int, term string")

    results = []
    for scope, keys in (("day", ["issue_date"]), ("day_region", ["issue_date", "region_code"])):
        totals = scored.groupBy(*keys).agg(F.sum("w").alias("total"))
        per_term = scored.groupBy(*keys, "i").agg(F.sum("s").alias("s"))
        ranked = (per_term.join(totals, keys).join(F.broadcast(vocab), "i")
                  .withColumn("score", F.col("s") / F.col("total"))
                  .withColumn("rank", F.row_number().over(
                      Window.partitionBy(*keys).orderBy(F.desc("score"), F.asc("term"))))
                  .where(F.col("rank") <= top_n))
        region = F.col("region_code") if scope == "day_region" else F.lit(ALL_REGIONS)
        results.append(ranked.select(F.lit(scope).alias("scope"), F.col("issue_date").alias("period_start"),
                                     region.alias("region_code"), "term", "score",
                                     F.col("rank").cast("int").alias("rank")))
    out = results[0].unionByName(results[1])
    timings["tfidf_plan"] = time.perf_counter() - t1
    return out, n_articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path, help="output directory (parquet, one file)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    parser.add_argument("--conf", type=Path, default=CONF, help="newstrends conf/ (stopwords, generic terms, lexicon)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    spark = spark_session(args.master, args.driver_memory, args.shuffle_partitions)
    spark.sparkContext.setLogLevel("ERROR")
    t_start = time.perf_counter()
    articles = spark.read.schema("article_id string, issue_date string, region_code string, body string") \
        .json(str(args.articles))
    timings: dict = {"spark_start": t_start - t0}
    out, n_articles = keywords(spark, articles, Segmenter.from_conf(args.conf), timings=timings)
    t_write = time.perf_counter()
    out.coalesce(1).write.mode("overwrite").parquet(str(args.out))
    timings["tfidf_and_write"] = time.perf_counter() - t_write
    rows = spark.read.parquet(str(args.out)).count()
    spark.stop()
    print(json.dumps({"peer": "pyspark_jieba", "articles": n_articles, "keyword_rows": rows,
                      "stages": timings}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
