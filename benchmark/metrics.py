"""The benchmark's arithmetic, kept free of I/O so the tests can check it on hand-worked numbers:
medians, the cost-vs-size exponent, keyword overlap@k, burst precision and recall against a
generated corpus's ground_truth.csv, and planted-topic recovery."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Mapping, Sequence

ALL_REGIONS = "all"


def median(values: Sequence[float]) -> float | None:
    xs = sorted(v for v in values if v is not None)
    if not xs:
        return None
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def exponent(sizes: Sequence[float], costs: Sequence[float]) -> float | None:
    """Least-squares slope of log(cost) against log(size): cost ~ size^k. 1 is linear; a fixed
    cost gives 0. None with fewer than two distinct sizes."""
    pairs = [(math.log(s), math.log(c)) for s, c in zip(sizes, costs) if s and c and s > 0 and c > 0]
    if len({x for x, _ in pairs}) < 2:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    return sxy / sxx


def overlap_at_k(a: Sequence[str], b: Sequence[str], k: int = 10) -> float | None:
    """|top-k of a ∩ top-k of b| / k (or over the longer list when both have fewer than k)."""
    ta, tb = list(a)[:k], list(b)[:k]
    denominator = min(k, max(len(ta), len(tb)))
    if denominator == 0:
        return None
    return len(set(ta) & set(tb)) / denominator


def mean_overlap(a: Mapping[object, Sequence[str]], b: Mapping[object, Sequence[str]], k: int = 10) -> tuple[float | None, int]:
    """Mean overlap@k over the groups both have; and how many groups that is."""
    values = [v for key in a.keys() & b.keys() if (v := overlap_at_k(a[key], b[key], k)) is not None]
    return (sum(values) / len(values) if values else None), len(values)


# ---------------------------------------------------------------------------------------------
# ground truth


@dataclass(frozen=True)
class Planted:
    kind: str            # term_trend | topic
    name: str
    region_code: str
    start: date
    end: date
    rate: float
    words: tuple[str, ...]
    carried: tuple[str, ...] = ()   # other words the planted text brings along


def read_ground_truth(path: Path) -> list[Planted]:
    """ground_truth.csv as `bin/newstrends generate` writes it: kind,name,region_code,from,to,rate,words,carried
    (words separated by `|`; files written before `carried` existed have none)."""
    with open(path, encoding="utf-8", newline="") as f:
        return [Planted(r["kind"], r["name"], r["region_code"], date.fromisoformat(r["from"]),
                        date.fromisoformat(r["to"]), float(r["rate"]),
                        tuple(w for w in r["words"].split("|") if w),
                        tuple(w for w in (r.get("carried") or "").split("|") if w))
                for r in csv.DictReader(f)]


def period_of(day: date, granularity: str) -> tuple[date, date]:
    """The day / ISO week (Monday to Sunday) / calendar month containing `day`, as newstrends cuts them."""
    if granularity == "day":
        return day, day
    if granularity == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if granularity == "month":
        start = day.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        return start, nxt - timedelta(days=1)
    raise ValueError(granularity)


def _overlap_days(a0: date, a1: date, b0: date, b1: date) -> int:
    return max(0, (min(a1, b1) - max(a0, b0)).days + 1)


@dataclass
class BurstQuality:
    granularity: str
    required: int = 0            # planted cells that must be flagged
    found: int = 0               # of those, flagged
    flagged: int = 0             # flagged cells counted for precision (region != all, not a topic onset)
    true_flags: int = 0          # of those, on a planted term in its region and window
    planted_term_flags: int = 0  # flagged cells of planted terms (any region but all, any period)
    carried_flags: int = 0       # not counted: words the planted text brought, in its region and window
    reachable: int | None = None  # required cells whose term is in >= min_docs articles of the period
    missed: list = field(default_factory=list)
    false: list = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.required if self.required else None

    @property
    def recall_of_reachable(self) -> float | None:
        """Recall over the planted cells a flag could reach at all (see `reachable`)."""
        return self.found / self.reachable if self.reachable else None

    @property
    def precision(self) -> float | None:
        """Every flag that is not a planted term in its planted region and window counts as false."""
        return self.true_flags / self.flagged if self.flagged else None

    @property
    def precision_planted_terms(self) -> float | None:
        """Only the planted terms' flags counted (bursts of other terms ignored)."""
        return self.true_flags / self.planted_term_flags if self.planted_term_flags else None


def burst_quality(bursts: Iterable[Mapping], truth: Sequence[Planted], granularity: str,
                  min_days: int = 3, last_day: date | None = None,
                  daily_docs: Mapping[tuple[str, date, str], int] | None = None, min_docs: int = 3) -> BurstQuality:
    """Precision and recall of `term_trends.is_burst` flags of one granularity against what was planted.

    bursts: rows with granularity, period_start, region_code, term (only the flagged ones).
    Cells (region x period x term) of the planted region are *required* when the planted window
    covers at least `min_days` of the period (the whole window, when it is shorter; every day
    of the window at day granularity) and the period lies within the corpus (`last_day`);
    a flag on any period overlapping the window is a true flag. Flags in the `all` region are
    not counted (they repeat the planted region's). Flags of a planted topic's words in its
    region from its first day on are ignored: the topic is planted there, so its words rise.
    So are, counted apart as `carried_flags`, flags of a word a plant's text brought along
    (`carried` in ground_truth.csv) in the plant's region in a period overlapping its window.
    Every other flag is false.

    daily_docs, when given: articles containing a term per (region, day, term), as in
    `term_daily`. A flag needs the term in at least `min_docs` articles of the period
    (`burst-min-docs`; 1 where bursts spread to the quieter periods around them), and the
    sampling of the generator leaves some planted cells below that (a day on which none of a
    paper's 8 articles drew the planted sentence); `reachable` counts the required cells that
    are not, the most any test with that rule can find.
    """
    q = BurstQuality(granularity, reachable=0 if daily_docs is not None else None)
    trends = [t for t in truth if t.kind == "term_trend"]
    topics = [t for t in truth if t.kind == "topic"]
    flagged = {(str(b["region_code"]), _as_date(b["period_start"]), str(b["term"]))
               for b in bursts if b["granularity"] == granularity and str(b["region_code"]) != ALL_REGIONS}
    planted_terms = {t.name for t in trends}

    for t in trends:
        window_days = (t.end - t.start).days + 1
        need = min(min_days, window_days) if granularity != "day" else 1
        day = t.start
        seen = set()
        while day <= t.end:
            p0, p1 = period_of(day, granularity)
            day += timedelta(days=1)
            if p0 in seen:
                continue
            seen.add(p0)
            if last_day is not None and p1 > last_day and granularity != "day":
                continue  # the period is cut by the end of the corpus
            if _overlap_days(p0, p1, t.start, t.end) >= need:
                q.required += 1
                if daily_docs is not None and sum(daily_docs.get((t.region_code, p0 + timedelta(days=i), t.name), 0)
                                                  for i in range((p1 - p0).days + 1)) >= min_docs:
                    q.reachable += 1
                if (t.region_code, p0, t.name) in flagged:
                    q.found += 1
                else:
                    q.missed.append((t.name, t.region_code, p0.isoformat()))

    for region, p0, term in sorted(flagged):
        p1 = period_of(p0, granularity)[1]
        if any(term in tp.words and region == tp.region_code and p1 >= tp.start for tp in topics) \
                and term not in planted_terms:
            continue
        if term not in planted_terms and any(term in t.carried and region == t.region_code
                                             and _overlap_days(p0, p1, t.start, t.end) > 0 for t in truth):
            q.carried_flags += 1
            continue
        q.flagged += 1
        hit = any(term == t.name and region == t.region_code and _overlap_days(p0, p1, t.start, t.end) > 0
                  for t in trends)
        if term in planted_terms:
            q.planted_term_flags += 1
        if hit:
            q.true_flags += 1
        else:
            q.false.append((term, region, p0.isoformat()))
    return q


def topic_recovery(topics: Mapping[object, Sequence[str]], truth: Sequence[Planted], exclude: Iterable[str] = (),
                   top: int = 10, need: int = 3) -> list[dict]:
    """For each planted topic: the model topic sharing most of its words (minus `exclude`, the
    generic terms newstrends never makes topic words) among its `top` terms; found when >= need."""
    exclude = set(exclude)
    out = []
    for t in truth:
        if t.kind != "topic":
            continue
        words = [w for w in t.words if w not in exclude]
        best_id, best = None, 0
        for topic_id, terms in topics.items():
            n = len(set(list(terms)[:top]) & set(words))
            if n > best:
                best_id, best = topic_id, n
        out.append({"topic": t.name, "region_code": t.region_code, "words": words, "best_topic": best_id,
                    "shared_words": best, "found": best >= need})
    return out


def topic_grouping(planted_on: Mapping[str, Mapping[int, int]], topic_sizes: Mapping[int, int],
                   min_share: float = 0.8, min_lift: float = 3.0) -> list[dict]:
    """For each planted topic, whether its articles share one main topic that is mostly theirs.

    `planted_on` maps a planted topic's name to how many of its articles have each main topic;
    `topic_sizes` maps each topic to the number of articles whose main topic it is. Grouped when
    at least `min_share` of the planted articles are on one topic and they are at least
    `min_lift` times as common in it as in all articles."""
    total = sum(topic_sizes.values())
    out = []
    for name, on in planted_on.items():
        n = sum(on.values())
        if n == 0 or total == 0:
            out.append({"topic": name, "articles": n, "main_topic": None, "together": 0, "share": None,
                        "lift": None, "grouped": False})
            continue
        main, together = max(on.items(), key=lambda kv: (kv[1], -kv[0]))
        share = together / n
        lift = (together / topic_sizes[main]) / (n / total)
        out.append({"topic": name, "articles": n, "main_topic": main, "together": together,
                    "topic_articles": topic_sizes[main], "share": share, "lift": lift,
                    "grouped": share >= min_share and lift >= min_lift})
    return out


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
