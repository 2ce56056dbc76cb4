#!/usr/bin/env python3
"""COMPARISON BASELINE, not part of newstrends: the single-process way a data scientist computes
keywords per day and per day x region from Chinese articles — jieba.posseg, pandas and
scikit-learn's TfidfVectorizer.

    python benchmark/peers/single_process.py --articles articles.jsonl --out keywords.parquet [--workers 2]

Reads the articles newstrends exported (article_id, issue_date, region_code, body, one JSON
object a line); segments them with jieba.posseg in a pool of `--workers` processes (the
benchmark gives every system the same two cores); keeps the candidate terms (tags n*, vn, j,
two or more characters, minus conf/stopwords.txt and conf/generic-terms.txt); fits
TfidfVectorizer on the articles (sublinear tf, smoothed IDF, min_df 2: the IDF newstrends uses);
scores each day and each day x region as one document (the sum of its articles' weights); writes
the top 20 per group: scope, period_start, region_code, term, score, rank. Prints one JSON line of
stage timings on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ALL_REGIONS, CONF, MIN_DF, OUTPUT_COLUMNS, TOP_N, Segmenter  # noqa: E402

_segmenter: Segmenter | None = None


def _init_worker(segmenter: Segmenter) -> None:
    global _segmenter
    _segmenter = segmenter
    segmenter("")  # load jieba and the lexicon before the first article


def _segment(body: str) -> list[str]:
    return _segmenter(body)


def identity(terms: list[str]) -> list[str]:
    """The analyzer: articles arrive already segmented."""
    return terms


def segment_all(bodies: list[str], segmenter: Segmenter, workers: int) -> list[list[str]]:
    if workers <= 1:
        return [segmenter(b) for b in bodies]
    with get_context("fork").Pool(workers, initializer=_init_worker, initargs=(segmenter,)) as pool:
        return pool.map(_segment, bodies, chunksize=max(1, min(256, len(bodies) // (workers * 8) or 1)))


def group_keywords(articles: pd.DataFrame, terms: list[list[str]], top_n: int = TOP_N,
                   min_df: int = MIN_DF) -> pd.DataFrame:
    """Top terms per day and per day x region; columns OUTPUT_COLUMNS."""
    vectorizer = TfidfVectorizer(analyzer=identity, lowercase=False, sublinear_tf=True, smooth_idf=True,
                                 norm=None, min_df=min_df)
    try:
        x = vectorizer.fit_transform(terms).tocsr()  # articles x terms: (1 + ln tf) * idf
    except ValueError:  # no term in min_df articles
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    idf = vectorizer.idf_
    weights = x @ sp.diags(1.0 / idf)  # 1 + ln tf, for the denominators
    vocabulary = vectorizer.get_feature_names_out()
    n = x.shape[0]
    dates = articles["issue_date"].astype(str).to_numpy()
    regions = articles["region_code"].astype(str).to_numpy()
    frames = []
    for scope, keys in (("day", pd.Series(dates)),
                        ("day_region", pd.Series(dates) + "|" + pd.Series(regions))):
        codes, groups = pd.factorize(keys, sort=True)
        membership = sp.csr_matrix((np.ones(n), (codes, np.arange(n))), shape=(len(groups), n))
        summed = (membership @ x).tocsr()  # groups x terms: sum of w * idf
        totals = np.asarray((membership @ weights).sum(axis=1)).ravel()  # groups: sum of w
        rows = []
        for g, key in enumerate(groups):
            lo, hi = summed.indptr[g], summed.indptr[g + 1]
            if lo == hi or totals[g] <= 0:
                continue
            cols, vals = summed.indices[lo:hi], summed.data[lo:hi] / totals[g]
            terms_g = vocabulary[cols]
            order = np.lexsort((terms_g, -vals))[:top_n]  # score desc, then term
            date, _, region = key.partition("|")
            for r, i in enumerate(order, start=1):
                rows.append((scope, date, region or ALL_REGIONS, str(terms_g[i]), float(vals[i]), r))
        frames.append(pd.DataFrame(rows, columns=OUTPUT_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path, help="output file (.parquet, or .jsonl)")
    parser.add_argument("--workers", type=int, default=2, help="segmentation processes (default 2)")
    parser.add_argument("--conf", type=Path, default=CONF, help="newstrends conf/ (stopwords, generic terms, lexicon)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    articles = pd.read_json(args.articles, lines=True, dtype={"article_id": str, "issue_date": str,
                                                              "region_code": str, "body": str})
    t_read = time.perf_counter()
    terms = segment_all(articles["body"].fillna("").tolist(), Segmenter.from_conf(args.conf), args.workers)
    t_seg = time.perf_counter()
    keywords = group_keywords(articles, terms)
    t_tfidf = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.suffix == ".jsonl":
        keywords.to_json(args.out, orient="records", lines=True, force_ascii=False)
    else:
        keywords.to_parquet(args.out, index=False)
    t_end = time.perf_counter()
    print(json.dumps({"peer": "single_process", "articles": len(articles),
                      "characters": int(articles["body"].fillna("").str.len().sum()),
                      "keyword_rows": len(keywords),
                      "stages": {"read": t_read - t0, "segment": t_seg - t_read, "tfidf": t_tfidf - t_seg,
                                 "write": t_end - t_tfidf}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
