"""Shared pieces of the two COMPARISON BASELINES (pyspark_jieba.py, single_process.py).

These are not part of newstrends. They are what a data scientist would write instead of it, kept
here so the benchmark can compare like for like. What they share with newstrends, as far as
jieba and the libraries allow:

- the input: the `articles` exported from a newstrends warehouse as JSON lines
  (article_id, issue_date, region_code, body);
- candidate terms: words of two or more characters whose part-of-speech tag starts with one of
  `n`, `vn`, `j` (newstrends' `analyze.keywords.tags`), minus conf/stopwords.txt and
  conf/generic-terms.txt;
- the domain lexicon: conf/lexicon/*.txt and the gazetteer's names and aliases
  (conf/regions.csv) are added to jieba's dictionary, as newstrends adds them to HanLP's;
- the keyword definition: sublinear tf per article (1 + ln tf), smoothed IDF
  ln((1 + N) / (1 + df)) + 1 over articles with df >= 2, a group of articles (a day, a day in a
  region) scored as one document, top 20 per group, ranks by score then term.

What differs, and cannot be helped without leaving the tools' usual use: the segmenter (jieba,
not HanLP, so tags and word boundaries differ), and the IDF window (the peers fit IDF once over
all articles of the batch; newstrends counts a trailing 12-month window ending on each day).
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Iterable, Iterator

REPO = Path(__file__).resolve().parents[2]
CONF = REPO / "conf"

#: Tag prefixes of candidate terms (newstrends.analyze.keywords.tags).
TAG_PREFIXES = ("n", "vn", "j")
TOP_N = 20
MIN_DF = 2
ALL_REGIONS = "all"
#: The columns both peers write, in this order.
OUTPUT_COLUMNS = ["scope", "period_start", "region_code", "term", "score", "rank"]


def read_word_list(path: Path) -> set[str]:
    """One word per line; blank lines and `#` comments are skipped (the format of conf/*.txt)."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.split()[0])
    return words


def load_excludes(conf_dir: Path = CONF) -> frozenset[str]:
    """Stopwords (removed by newstrends' nlp) and generic terms (skipped by its analyze)."""
    conf_dir = Path(conf_dir)
    return frozenset(read_word_list(conf_dir / "stopwords.txt") | read_word_list(conf_dir / "generic-terms.txt"))


def lexicon_entries(conf_dir: Path = CONF) -> list[tuple[str, str]]:
    """(word, tag) of the domain lexicon (`word tag [frequency]` lines) and of every gazetteer
    name and alias as a place word (newstrends.nlp.gazetteer-as-lexicon)."""
    conf_dir = Path(conf_dir)
    entries: dict[str, str] = {}
    regions = conf_dir / "regions.csv"
    if regions.exists():
        with regions.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for name in [row["name"], *(row.get("aliases") or "").split("|")]:
                    name = name.strip()
                    if len(name) >= 2:
                        entries.setdefault(name, "ns")
    for path in sorted((conf_dir / "lexicon").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts and not parts[0].startswith("#") and len(parts) >= 2:
                entries[parts[0]] = parts[1]
    return sorted(entries.items())


_jieba_words: set[str] = set()


def init_jieba(lexicon: Iterable[tuple[str, str]] = ()) -> None:
    """Loads jieba's dictionary (once per process) and adds the lexicon words not added yet."""
    import logging

    import jieba

    if not _jieba_words:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba_words.add("")
    for word, tag in lexicon:
        if word not in _jieba_words:
            jieba.add_word(word, tag=tag)  # frequency: jieba's suggestion, enough to keep it whole
            _jieba_words.add(word)


def is_candidate(word: str, tag: str, excludes: frozenset[str] | set[str]) -> bool:
    word = word.strip()
    return len(word) >= 2 and tag.startswith(TAG_PREFIXES) and word not in excludes


def candidate_terms(pairs: Iterable[tuple[str, str]], excludes: frozenset[str] | set[str]) -> list[str]:
    """The candidate terms of one article, in text order, repeated as often as they occur."""
    return [w.strip() for w, t in pairs if is_candidate(w, t, excludes)]


class Segmenter:
    """jieba.posseg plus the candidate filter. Holds only plain data (the exclude set and the
    lexicon), so it pickles into Spark's Python workers, which load jieba on first use."""

    def __init__(self, excludes: frozenset[str], lexicon: list[tuple[str, str]]):
        self.excludes = frozenset(excludes)
        self.lexicon = list(lexicon)

    @classmethod
    def from_conf(cls, conf_dir: Path = CONF) -> "Segmenter":
        return cls(load_excludes(conf_dir), lexicon_entries(conf_dir))

    def __call__(self, body: str | None) -> list[str]:
        """One article body -> its candidate terms."""
        import jieba.posseg as pseg

        init_jieba(self.lexicon)
        if not body:
            return []
        return candidate_terms(((p.word, p.flag) for p in pseg.cut(body)), self.excludes)


def sublinear(tf: float) -> float:
    return 1.0 + math.log(tf) if tf > 0 else 0.0


def read_articles(path: Path) -> Iterator[dict]:
    """The exported articles, one JSON object a line."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("{"):
                yield json.loads(line)


def top_n(scores: dict[str, float], n: int = TOP_N) -> list[tuple[int, str, float]]:
    """(rank, term, score), best first; ties broken by the term, as newstrends ranks."""
    ranked = sorted(((s, t) for t, s in scores.items() if s > 0), key=lambda x: (-x[0], x[1]))[:n]
    return [(i + 1, t, s) for i, (s, t) in enumerate(ranked)]
