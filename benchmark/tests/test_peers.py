"""Fast tests of the comparison baselines' own logic (benchmark/peers/) and of the benchmark's
arithmetic (benchmark/metrics.py), on six short articles over two days and two regions."""

from __future__ import annotations

import json
import math
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH / "peers"))

import bench  # noqa: E402
import metrics  # noqa: E402
import single_process  # noqa: E402
from common import (OUTPUT_COLUMNS, Segmenter, candidate_terms, lexicon_entries, load_excludes,  # noqa: E402
                    top_n)

# Two days, two regions; 煤炭 dominates 包头 (150200) on day one, 乳业 呼和浩特 (150100) on day two
# (not 口岸: jieba tags it s, a place word, so it is no candidate term for the baselines).
# Every article also carries generic terms (工作, 发展, 建设) and stopwords (记者, 本报).
ARTICLES = pd.DataFrame([
    ("a1", "2024-01-01", "150200", "本报记者报道，包头市煤炭产量增长，煤炭企业加快发展，煤炭运输工作有序推进。"),
    ("a2", "2024-01-01", "150200", "包头煤炭市场价格平稳，煤炭储备充足，建设工作稳步推进。"),
    ("a3", "2024-01-01", "150100", "呼和浩特市推进教育改革，学校课程建设取得进展，教师培训工作展开。"),
    ("a4", "2024-01-02", "150100", "二连浩特乳业产量增长，乳业企业效益提升，牧场建设加快发展。"),
    ("a5", "2024-01-02", "150100", "乳业园区建成，牧场奶牛存栏增长，记者了解到乳业企业受益。"),
    ("a6", "2024-01-02", "150200", "包头市学校开展教育活动，教师和学生参加，煤炭企业捐赠图书。"),
], columns=["article_id", "issue_date", "region_code", "body"])

GENERIC_AND_STOP = {"工作", "发展", "建设", "记者", "本报"}


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter.from_conf()


@pytest.fixture(scope="module")
def terms(segmenter) -> list[list[str]]:
    return [segmenter(b) for b in ARTICLES["body"]]


def top_terms(frame: pd.DataFrame, scope: str, period: str, region: str, k: int = 3) -> list[str]:
    g = frame[(frame.scope == scope) & (frame.period_start == period) & (frame.region_code == region)]
    return g.sort_values("rank")["term"].tolist()[:k]


def check_keywords(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == OUTPUT_COLUMNS
    # Both scopes, every group: 2 days, and 2 regions on each day.
    assert set(frame[frame.scope == "day"].period_start) == {"2024-01-01", "2024-01-02"}
    assert set(frame[frame.scope == "day"].region_code) == {"all"}
    assert len(frame[frame.scope == "day_region"][["period_start", "region_code"]].drop_duplicates()) == 4
    assert top_terms(frame, "day_region", "2024-01-01", "150200", 1) == ["煤炭"]
    assert top_terms(frame, "day_region", "2024-01-02", "150100", 1) == ["乳业"]
    assert top_terms(frame, "day", "2024-01-02", "all", 1) == ["乳业"]
    # No generic term or stopword anywhere.
    assert not set(frame.term) & GENERIC_AND_STOP, set(frame.term) & GENERIC_AND_STOP
    # Ranks are 1..n per group and scores descend with rank.
    for _, g in frame.groupby(["scope", "period_start", "region_code"]):
        g = g.sort_values("rank")
        assert g["rank"].tolist() == list(range(1, len(g) + 1))
        assert all(a >= b for a, b in zip(g.score, g.score[1:])), g
        assert len(g) <= 20


# --------------------------------------------------------------------------------------------- common


def test_candidate_filter_keeps_nouns_vn_and_j_of_two_characters_minus_the_exclude_lists():
    pairs = [("煤炭", "n"), ("包头市", "ns"), ("升级", "vn"), ("人大", "j"), ("推进", "v"), ("煤", "n"),
             ("工作", "vn"), ("记者", "n"), ("美丽", "a"), ("煤炭", "n")]
    assert candidate_terms(pairs, {"工作", "记者"}) == ["煤炭", "包头市", "升级", "人大", "煤炭"]


def test_exclude_lists_come_from_conf():
    excludes = load_excludes()
    assert {"工作", "发展", "本报", "记者"} <= excludes  # generic-terms.txt and stopwords.txt
    assert not any(w.startswith("#") for w in excludes)


def test_domain_lexicon_keeps_place_and_policy_words_whole(segmenter):
    words = dict(lexicon_entries())
    assert words["甘其毛都"] == "ns" and words["包头市"] == "ns" and words["青城"] == "ns"  # lexicon, gazetteer, alias
    assert "甘其毛都" in segmenter("甘其毛都通关量创新高。")  # jieba alone: 甘其毛 / 都


def test_segmenter_returns_candidate_terms_only(terms):
    assert terms[0] == ["包头市", "煤炭", "产量", "煤炭企业", "煤炭", "运输", "有序"]
    assert not any(set(t) & GENERIC_AND_STOP for t in terms)
    assert all(len(w) >= 2 for t in terms for w in t)


def test_top_n_ranks_by_score_then_term():
    assert top_n({"乙": 1.0, "甲": 1.0, "丙": 2.0, "丁": 0.0}, 3) == [(1, "丙", 2.0), (2, "乙", 1.0), (3, "甲", 1.0)]


# --------------------------------------------------------------------------------------------- single process


def test_single_process_keywords(terms):
    check_keywords(single_process.group_keywords(ARTICLES, terms))


def test_single_process_scores_by_the_newstrends_formula(terms):
    """score(t, G) = Σ_a (1 + ln tf) / Σ_t' Σ_a (1 + ln tf') × (ln((1 + N) / (1 + df)) + 1), worked by hand."""
    frame = single_process.group_keywords(ARTICLES, terms)
    n = len(ARTICLES)
    df = {}
    for t in terms:
        for w in set(t):
            df[w] = df.get(w, 0) + 1
    vocab = {w for w, d in df.items() if d >= 2}
    group = [i for i in range(n) if ARTICLES.issue_date[i] == "2024-01-01" and ARTICLES.region_code[i] == "150200"]
    weights = {}
    for i in group:
        for w in set(terms[i]) & vocab:
            weights[w] = weights.get(w, 0) + 1 + math.log(terms[i].count(w))
    total = sum(weights.values())
    expected = weights["煤炭"] / total * (math.log((1 + n) / (1 + df["煤炭"])) + 1)
    got = frame[(frame.scope == "day_region") & (frame.period_start == "2024-01-01") & (frame.region_code == "150200")
                & (frame.term == "煤炭")].score.item()
    assert got == pytest.approx(expected, rel=1e-9)


def test_single_process_pool_gives_the_same_terms(segmenter, terms):
    assert single_process.segment_all(ARTICLES["body"].tolist(), segmenter, 2) == terms


def test_single_process_cli_writes_jsonl(tmp_path):
    src = tmp_path / "articles.jsonl"
    ARTICLES.to_json(src, orient="records", lines=True, force_ascii=False)
    out = tmp_path / "kw.jsonl"
    assert single_process.main(["--articles", str(src), "--out", str(out), "--workers", "1"]) == 0
    frame = pd.read_json(out, lines=True, dtype={"period_start": str, "region_code": str})
    check_keywords(frame)


# --------------------------------------------------------------------------------------------- PySpark


def test_pyspark_keywords_match_the_single_process_baseline(tmp_path, terms):
    pytest.importorskip("pyspark")
    venv_bin = str(Path(sys.executable).parent)
    os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    import pyspark_jieba

    spark = pyspark_jieba.spark_session("local[2]", "1g", 1)
    try:
        spark.sparkContext.setLogLevel("ERROR")
        articles = spark.createDataFrame(ARTICLES)
        timings = {}
        out, n = pyspark_jieba.keywords(spark, articles, Segmenter.from_conf(), timings=timings, partitions=2)
        frame = out.toPandas()
        print(timings)
    finally:
        spark.stop()
    assert n == 6
    check_keywords(frame)
    single = single_process.group_keywords(ARTICLES, terms)
    key = ["scope", "period_start", "region_code", "rank"]
    merged = frame.merge(single, on=key, suffixes=("_spark", "_single"))
    assert len(merged) == len(single) == len(frame)
    assert (merged.term_spark == merged.term_single).all()
    assert merged.score_spark.to_numpy() == pytest.approx(merged.score_single.to_numpy(), rel=1e-9)


# --------------------------------------------------------------------------------------------- metrics


def test_median():
    assert metrics.median([3.0, 1.0, 2.0]) == 2.0
    assert metrics.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert metrics.median([]) is None


def test_exponent_of_linear_quadratic_and_flat_costs():
    sizes = [1e6, 4e6, 16e6]
    assert metrics.exponent(sizes, [2.0, 8.0, 32.0]) == pytest.approx(1.0)
    assert metrics.exponent(sizes, [1.0, 16.0, 256.0]) == pytest.approx(2.0)
    assert metrics.exponent(sizes, [30.0, 30.0, 30.0]) == pytest.approx(0.0)
    # Least squares through (0, ln 10), (ln 4, ln 20), (ln 16, ln 80): slope by hand.
    xs = [0.0, math.log(4), math.log(16)]
    ys = [math.log(10), math.log(20), math.log(80)]
    mx, my = sum(xs) / 3, sum(ys) / 3
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    assert metrics.exponent([1, 4, 16], [10, 20, 80]) == pytest.approx(slope)
    assert slope == pytest.approx(0.75)  # ln 8 / ln 16
    assert metrics.exponent([5e6], [10.0]) is None


def test_overlap_at_k():
    a = ["煤炭", "口岸", "教育", "学校", "教师"]
    b = ["口岸", "煤炭", "企业", "学校", "物流"]
    assert metrics.overlap_at_k(a, b, 5) == pytest.approx(3 / 5)
    assert metrics.overlap_at_k(a, b, 2) == pytest.approx(1.0)
    assert metrics.overlap_at_k(a[:2], b[:1], 10) == pytest.approx(1 / 2)  # over the longer list when short
    assert metrics.mean_overlap({1: a, 2: a}, {1: b, 3: b}, 5) == (pytest.approx(0.6), 1)


TRUTH = [
    metrics.Planted("term_trend", "煤炭", "150200", date(2024, 1, 22), date(2024, 1, 28), 0.5, ("煤炭",)),
    metrics.Planted("term_trend", "口岸", "150100", date(2024, 1, 30), date(2024, 2, 5), 0.4, ("口岸",),
                    ("向北开放", "桥头堡")),
    metrics.Planted("topic", "政务服务", "150100", date(2024, 1, 19), date(2024, 2, 5), 0.25, ("政务", "营商环境", "企业")),
]


def burst(g, start, region, term):
    return {"granularity": g, "period_start": start, "region_code": region, "term": term}


def test_burst_precision_and_recall_by_week():
    flags = [
        burst("week", "2024-01-22", "150200", "煤炭"),      # true: planted week
        burst("week", "2024-01-22", "all", "煤炭"),         # all regions: not counted
        burst("week", "2024-01-29", "150200", "煤炭"),      # planted term after its window: false
        burst("week", "2024-01-15", "150300", "草原"),      # another term: false
        burst("week", "2024-01-22", "150100", "政务"),      # planted topic word in its region: ignored
        burst("day", "2024-01-22", "150200", "煤炭"),       # other granularity
    ]
    q = metrics.burst_quality(flags, TRUTH, "week", last_day=date(2024, 2, 5))
    # Required: 煤炭's week of 01-22 and 口岸's week of 01-29 (6 planted days); 口岸's week of
    # 02-05 runs past the corpus's last day and is not required.
    assert (q.required, q.found) == (2, 1)
    assert q.recall == pytest.approx(0.5)
    assert (q.flagged, q.true_flags, q.planted_term_flags) == (3, 1, 2)
    assert q.precision == pytest.approx(1 / 3)
    assert q.precision_planted_terms == pytest.approx(1 / 2)
    assert ("口岸", "150100", "2024-01-29") in q.missed


def test_words_the_planted_sentences_carry_are_counted_apart_in_the_plants_region_and_window():
    flags = [
        burst("week", "2024-01-29", "150100", "口岸"),      # true
        burst("week", "2024-01-29", "150100", "桥头堡"),    # carried by 口岸's sentences, in its window
        burst("week", "2024-01-15", "150100", "桥头堡"),    # the same word before the window: false
        burst("week", "2024-01-29", "150200", "向北开放"),  # in another region: false
    ]
    q = metrics.burst_quality(flags, TRUTH, "week", last_day=date(2024, 2, 5))
    assert q.carried_flags == 1
    assert (q.flagged, q.true_flags) == (3, 1)
    assert sorted(q.false) == [("向北开放", "150200", "2024-01-29"), ("桥头堡", "150100", "2024-01-15")]


def test_burst_precision_and_recall_by_month():
    flags = [
        burst("month", "2024-01-01", "150200", "煤炭"),     # true: 煤炭's 7 days are in January
        burst("month", "2024-02-01", "150200", "煤炭"),     # after its window: false
        burst("month", "2024-01-01", "150100", "口岸"),     # 口岸's 2 January days overlap: true
        burst("week", "2024-01-22", "150200", "煤炭"),      # other granularity
    ]
    q = metrics.burst_quality(flags, TRUTH, "month", last_day=date(2024, 2, 29))
    # Required: 煤炭's January and 口岸's February (5 of its 7 days); 口岸's January holds only 2.
    assert (q.required, q.found) == (2, 1)
    assert q.missed == [("口岸", "150100", "2024-02-01")]
    assert (q.flagged, q.true_flags) == (3, 2)
    # A month running past the corpus's last day is not required.
    assert metrics.burst_quality(flags, TRUTH, "month", last_day=date(2024, 2, 5)).required == 1


def test_burst_recall_by_day_counts_every_planted_day():
    flags = [burst("day", f"2024-01-{d}", "150200", "煤炭") for d in (22, 23, 24)]
    q = metrics.burst_quality(flags, TRUTH, "day", last_day=date(2024, 2, 5))
    assert q.required == 7 + 7
    assert q.found == 3
    assert q.precision == 1.0


def test_planted_cells_with_too_few_articles_are_out_of_reach():
    flags = [burst("day", "2024-01-22", "150200", "煤炭"), burst("week", "2024-01-22", "150200", "煤炭")]
    docs = {("150200", date(2024, 1, 22), "煤炭"): 4, ("150200", date(2024, 1, 23), "煤炭"): 3,
            ("150200", date(2024, 1, 24), "煤炭"): 2, ("150300", date(2024, 1, 25), "煤炭"): 5,  # another region
            ("150100", date(2024, 1, 30), "口岸"): 1, ("150100", date(2024, 1, 31), "口岸"): 1}
    day = metrics.burst_quality(flags, TRUTH, "day", last_day=date(2024, 2, 5), daily_docs=docs)
    assert (day.required, day.reachable, day.found) == (14, 2, 1)
    assert day.recall_of_reachable == pytest.approx(1 / 2)
    # A week adds up its days: 煤炭's 4 + 3 + 2 is enough, 口岸's 1 + 1 is not.
    week = metrics.burst_quality(flags, TRUTH, "week", last_day=date(2024, 2, 5), daily_docs=docs)
    assert (week.required, week.reachable, week.found) == (2, 1, 1)
    assert metrics.burst_quality(flags, TRUTH, "day", daily_docs=docs, min_docs=2).reachable == 3
    assert metrics.burst_quality(flags, TRUTH, "day").reachable is None


def test_ground_truth_file_is_read_as_the_generator_writes_it(tmp_path):
    path = tmp_path / "ground_truth.csv"
    path.write_text("kind,name,region_code,from,to,rate,words,carried\n"
                    "term_trend,煤炭,150200,2024-01-22,2024-01-28,0.5000,煤炭,产量|电厂\n"
                    "topic,政务服务,150100,2024-01-19,2024-02-05,0.2500,政务|自治区|营商环境,\n", encoding="utf-8")
    truth = metrics.read_ground_truth(path)
    assert truth[0] == metrics.Planted("term_trend", "煤炭", "150200", date(2024, 1, 22), date(2024, 1, 28), 0.5,
                                       ("煤炭",), ("产量", "电厂"))
    assert truth[1].words == ("政务", "自治区", "营商环境")
    assert truth[1].carried == ()


def test_topic_recovery_needs_three_words_in_one_topic():
    topics = {0: ["政务", "营商环境", "草原", "企业"], 1: ["政务", "煤炭"], 2: ["营商环境", "企业"]}
    found = metrics.topic_recovery(topics, TRUTH)
    assert found == [{"topic": "政务服务", "region_code": "150100", "words": ["政务", "营商环境", "企业"],
                      "best_topic": 0, "shared_words": 3, "found": True}]
    assert metrics.topic_recovery({0: ["政务", "营商环境", "草原"]}, TRUTH)[0]["found"] is False
    # Generic terms do not count.
    assert metrics.topic_recovery(topics, TRUTH, exclude={"企业"})[0]["shared_words"] == 2


def test_topic_grouping_needs_most_planted_articles_on_one_topic_that_is_mostly_theirs():
    sizes = {0: 700, 1: 100, 2: 51}          # 851 articles in all
    # 19 of 19 on topic 1, where they are 19 % of the articles against 2.2 % of all: grouped.
    [g] = metrics.topic_grouping({"乡村振兴": {1: 19}}, sizes)
    assert (g["main_topic"], g["together"], g["articles"], g["grouped"]) == (1, 19, 19, True)
    assert round(g["lift"], 1) == round((19 / 100) / (19 / 851), 1)
    # Spread over topics: not grouped, however large the main one's lift.
    assert metrics.topic_grouping({"x": {1: 10, 2: 9}}, sizes)[0]["grouped"] is False
    # All on the biggest topic, where they are about as common as anywhere: not grouped.
    [big] = metrics.topic_grouping({"x": {0: 19}}, sizes)
    assert big["share"] == 1.0 and big["lift"] < 3 and big["grouped"] is False
    # No planted article found: reported, not grouped.
    assert metrics.topic_grouping({"x": {}}, sizes)[0] == {"topic": "x", "articles": 0, "main_topic": None,
                                                          "together": 0, "share": None, "lift": None,
                                                          "grouped": False}


def test_quality_sql_finds_planted_topic_articles_by_their_block_words(tmp_path):
    truth = tmp_path / "ground_truth.csv"
    truth.write_text("kind,name,region_code,from,to,rate,words,carried\n"
                     "topic,政务服务,150100,2024-01-18,2024-02-04,0.2500,政务|营商环境,跨省通办|事项\n",
                     encoding="utf-8")
    sql = bench.quality_sql(truth)
    assert "'planted_on'" in sql and "'topic_size'" in sql
    assert "IN ('事项', '政务', '营商环境', '跨省通办')" in sql


def test_period_of_cuts_iso_weeks_and_months():
    assert metrics.period_of(date(2024, 1, 24), "week") == (date(2024, 1, 22), date(2024, 1, 28))
    assert metrics.period_of(date(2024, 2, 10), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert metrics.period_of(date(2024, 2, 10), "day") == (date(2024, 2, 10), date(2024, 2, 10))


def test_partial_results_hold_the_runs_of_the_size_in_progress(tmp_path):
    path = tmp_path / "full-partial.json"
    done = {"papers": 13, "days": 66, "measures": {"nt_run": [{"seconds": 1.0}] * 3}}
    running = {"papers": 13, "days": 264, "runs": 3, "measures": {"nt_run": [{"seconds": 2.0}]}}
    bench.write_partial(path, "full", [done, running])
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["mode"] == "full" and saved["cores"] == bench.CORES
    assert [s["days"] for s in saved["sizes"]] == [66, 264]
    assert len(saved["sizes"][1]["measures"]["nt_run"]) == 1
