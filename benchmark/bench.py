#!/usr/bin/env python3
"""Scale benchmark: newstrends against the comparison baselines in benchmark/peers/, side by side
in one run, on the same generated articles and the same two cores. See benchmark/README.md.

    .venv/bin/python benchmark/bench.py --quick                       # smallest size, one run
    .venv/bin/python benchmark/bench.py --quick --papers 3 --days 35 --seed 1
    .venv/bin/python benchmark/bench.py --full                        # 13 papers x 66 / 264 / 1056 days, 3 runs

For each size it generates a planted corpus of D + 1 days (`bin/newstrends generate`), and per run:
newstrends `run` of the first D days (end to end, stages timed from its output), the articles
exported once (`sql --format jsonl`) for everybody else, newstrends on the peers' path (`run
--stages nlp,analyze --steps keywords`, one application), one more day after the history (`run
--date D+1`), the PySpark + jieba + MLlib baseline, the single-process jieba + pandas + scikit-learn
baseline; once per size the raw HanLP single-thread loop over the same articles
(benchmark/raw_hanlp/RawHanLP.java) and the quality checks (keyword agreement, burst
precision/recall, planted topics). Prints Markdown tables, writes results/<mode>.json,
results/<mode>.md and results/cost-vs-size-<mode>.png.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "peers"))
import metrics  # noqa: E402
from common import read_articles, read_word_list  # noqa: E402

NEWSTRENDS = REPO / "bin" / "newstrends"
FULL_SIZES = [(13, 66), (13, 264), (13, 1056)]  # x4 each; the largest ~105 M characters of articles
QUICK_SIZE = (3, 20)
START = date(2024, 1, 1)
CORES = 2
BURST_GRANULARITIES = ("month", "week", "day")  # scored against the planted ground truth


class Abort(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------
# running and measuring one process


@dataclass
class Measured:
    label: str
    argv: list[str]
    seconds: float
    cpu_seconds: float
    peak_mib: float
    returncode: int
    stdout: str
    stderr: str
    events: list = field(default_factory=list)    # (seconds since start, stream, line)
    samples: list = field(default_factory=list)   # (seconds since start, MiB)

    def first(self, stream: str, pattern: str) -> tuple[float, str] | None:
        rx = re.compile(pattern)
        for t, s, line in self.events:
            if s == stream and rx.search(line):
                return t, line
        return None

    def peak_between(self, t0: float, t1: float) -> float:
        values = [m for t, m in self.samples if t0 <= t <= t1]
        return max(values) if values else 0.0


_TICKS = os.sysconf("SC_CLK_TCK")


def _process_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used so far: utime + stime) for every process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            fields = stat[stat.rindex(")") + 2:].split()
            table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS)
        except (OSError, ValueError, IndexError):
            continue
    return table


def _memory_kib(pid: int) -> int:
    """Proportional set size (shared pages split among the processes sharing them, so forked
    Python workers are not counted twice); resident set size where smaps_rollup is missing."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sample_tree(root: int) -> tuple[float, dict[int, float]]:
    """Memory (MiB, summed over the process tree under root) and CPU seconds of each process in it."""
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, cpu, stack = 0, {}, [root]
    while stack:
        pid = stack.pop()
        total += _memory_kib(pid)
        if pid in table:
            cpu[pid] = table[pid][1]
        stack.extend(children.get(pid, []))
    return total / 1024, cpu


def measure(label: str, argv: list[str], env: dict, stdout_path: Path | None = None, interval: float = 0.25,
            timeout: float | None = None, echo: bool = True) -> Measured:
    """Runs argv; wall time, CPU time and peak memory of the process tree (polled from /proc, so
    processes the child starts and never reaps, like PySpark's JVM, count too), and every output
    line with its arrival time."""
    if echo:
        shown = " ".join(a if len(a) < 160 else a[:60] + " …" for a in argv)
        print(f"  [{time.strftime('%H:%M:%S')}] {label}: {' '.join(shown.split())}", file=sys.stderr, flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    out_file = open(stdout_path, "w", encoding="utf-8") if stdout_path else None
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=out_file or subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace", bufsize=1)
    events, samples, out_lines, err_lines = [], [], [], []
    lock = threading.Lock()

    def reader(stream, name, sink):
        for line in stream:
            t = time.monotonic() - t0
            sink.append(line)
            with lock:
                events.append((t, name, line.rstrip("\n")))
            if name == "stderr" and "newstrends: building" in line:
                proc.kill()

    threads = [threading.Thread(target=reader, args=(proc.stderr, "stderr", err_lines), daemon=True)]
    if out_file is None:
        threads.append(threading.Thread(target=reader, args=(proc.stdout, "stdout", out_lines), daemon=True))
    for th in threads:
        th.start()
    cpu_seen: dict[int, float] = {}
    while proc.poll() is None:
        mib, cpu_now = sample_tree(proc.pid)
        samples.append((time.monotonic() - t0, mib))
        for pid, c in cpu_now.items():
            cpu_seen[pid] = max(c, cpu_seen.get(pid, 0.0))
        if timeout and time.monotonic() - t0 > timeout:
            proc.kill()
        time.sleep(interval)
    seconds = time.monotonic() - t0
    for th in threads:
        th.join()
    if out_file:
        out_file.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(reaped, sum(cpu_seen.values()))  # polled: misses the last interval; rusage: misses unreaped
    m = Measured(label, argv, seconds, cpu, max((s for _, s in samples), default=0.0), proc.returncode,
                 "".join(out_lines), "".join(err_lines), sorted(events), samples)
    if "newstrends: building" in m.stderr:
        raise Abort("bin/newstrends started a build (sources changed since target/ was built); the benchmark "
                    "stopped rather than time a Maven build. Build first (any bin/newstrends command), then rerun.")
    if m.returncode != 0:
        tail = "\n".join(m.stderr.strip().splitlines()[-15:])
        raise Abort(f"{label} failed (exit {m.returncode}):\n{tail}")
    if echo:
        print(f"      {seconds:8.2f} s wall, {cpu:8.2f} s CPU, peak {m.peak_mib:,.0f} MiB", file=sys.stderr, flush=True)
    return m


# ---------------------------------------------------------------------------------------------
# the systems


def jar_is_stale() -> bool:
    """What bin/newstrends checks before it rebuilds (its stale())."""
    jar = REPO / "target" / "newstrends.jar"
    needed = [jar, REPO / "target" / "newstrends-all.jar", REPO / "target" / "classpath.txt"]
    if not all(p.exists() for p in needed):
        return True
    built = jar.stat().st_mtime
    for root in [REPO / "pom.xml", REPO / "src" / "main", REPO / "conf", REPO / "data" / "sample"]:
        if root.is_file():
            if root.stat().st_mtime > built:
                return True
            continue
        for dirpath, _, files in os.walk(root):
            for name in files:
                if os.stat(os.path.join(dirpath, name)).st_mtime > built:
                    return True
    return False


class Runner:
    def __init__(self, args):
        self.args = args
        venv_bin = str(Path(sys.executable).parent)
        base = dict(os.environ)
        base["PATH"] = venv_bin + os.pathsep + base.get("PATH", "")
        base.pop("SPARK_HOME", None)
        base.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        base["PYSPARK_PYTHON"] = sys.executable
        base["PYSPARK_DRIVER_PYTHON"] = sys.executable
        self.env_py = base
        nt = dict(base)
        nt["NEWSTRENDS_LOCAL"] = "1"  # in-process Spark, whatever is on PATH
        nt["NEWSTRENDS_DRIVER_MEMORY"] = args.driver_memory
        nt["NEWSTRENDS_JAVA_OPTS"] = (os.environ.get("NEWSTRENDS_JAVA_OPTS", "") + f" -Dspark.master=local[{CORES}]").strip()
        self.env_nt = nt

    def newstrends(self, label: str, *cli: str, stdout_path: Path | None = None) -> Measured:
        if jar_is_stale():
            raise Abort("sources changed since target/newstrends.jar was built: bin/newstrends would run Maven "
                        "inside the timed runs. Build first (any bin/newstrends command), then rerun.")
        return measure(label, [str(NEWSTRENDS), *cli], self.env_nt, stdout_path=stdout_path)

    def python(self, label: str, script: Path, *cli: str) -> Measured:
        return measure(label, [sys.executable, str(script), *cli], self.env_py)

    def raw_hanlp(self, articles: Path, runs: int) -> Measured:
        if jar_is_stale():
            raise Abort("sources changed since target/newstrends.jar was built; build first, then rerun.")
        classpath = f"{REPO / 'target' / 'newstrends.jar'}:{(REPO / 'target' / 'classpath.txt').read_text().strip()}"
        return measure("raw HanLP", ["java", f"-Xmx{self.args.driver_memory}", "-cp", classpath,
                                     str(HERE / "raw_hanlp" / "RawHanLP.java"), str(articles), str(runs)], self.env_py)


def last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def run_stages(m: Measured) -> dict:
    """Stage seconds of `run` from when its lines appeared: the IngestStage log line marks the
    start of work (JVM, Spark session and run log before it); each stage's stdout line its end."""
    start = m.first("stderr", r"INFO IngestStage: ingest:")
    ingest = m.first("stdout", r"^ingest: ")
    nlp = m.first("stdout", r"^nlp: ")
    analyze = m.first("stdout", r"^analyze: ")
    if not (start and ingest and nlp and analyze):
        return {}
    marks = [("start", 0.0, start[0]), ("ingest", start[0], ingest[0]), ("nlp", ingest[0], nlp[0]),
             ("analyze", nlp[0], analyze[0]), ("finish", analyze[0], m.seconds)]
    stages = {name: {"seconds": t1 - t0, "peak_mib": m.peak_between(t0, t1)} for name, t0, t1 in marks}
    steps = analyze_steps(m.stderr)
    if steps:
        stages["analyze"]["steps_ms"] = steps
    return stages


def path_stages(m: Measured) -> dict:
    """The peers' path's two stages from when its stdout lines appeared: `nlp` from the start of
    the command (JVM and Spark session included) to its `nlp:` line, `analyze` from there to the
    `analyze:` line."""
    nlp = m.first("stdout", r"^nlp: ")
    analyze = m.first("stdout", r"^analyze: ")
    if not (nlp and analyze):
        return {}
    return {name: {"seconds": t1 - t0, "peak_mib": m.peak_between(t0, t1)}
            for name, t0, t1 in [("nlp", 0.0, nlp[0]), ("analyze", nlp[0], analyze[0])]}


def analyze_steps(stderr: str) -> dict:
    """AnalyzeStage's own log line: aggregates, then keywords / trends / topics side by side (ms)."""
    hit = re.search(r"aggregates (\d+) ms, then side by side: keywords (\d+) ms, term trends (\d+) ms, "
                    r"entity trends (\d+) ms, topics (\d+) ms", stderr)
    if not hit:
        return {}
    return dict(zip(["aggregates", "keywords", "term_trends", "entity_trends", "topics"], map(int, hit.groups())))


def record(m: Measured, **extra) -> dict:
    return {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_mib": m.peak_mib, **extra}


# ---------------------------------------------------------------------------------------------
# one size


def generator_digest() -> str:
    """A digest of the corpus generator's sources: a corpus made by another version is made again."""
    import hashlib
    digest = hashlib.sha256()
    for source in sorted((REPO / "src" / "main" / "java" / "io" / "newstrends" / "generate").glob("*.java")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


QUALITY_SQL = """
SELECT 'kw' AS k, to_json(named_struct('scope', scope, 'period_start', CAST(period_start AS STRING),
  'region_code', region_code, 'term', term, 'score', score, 'rank', rank)) AS j
  FROM keywords WHERE scope IN ('day', 'day_region') AND rank <= 20
UNION ALL
SELECT 'burst', to_json(named_struct('granularity', granularity, 'period_start', CAST(period_start AS STRING),
  'region_code', region_code, 'term', term, 'docs', docs, 'zscore', zscore))
  FROM term_trends WHERE is_burst
UNION ALL
SELECT 'topic', to_json(named_struct('model_id', model_id, 'topic_id', topic_id, 'rank', rank, 'term', term))
  FROM topics WHERE rank <= 10 AND model_id = (SELECT model_id FROM topic_models ORDER BY fitted_at DESC, model_id LIMIT 1)
"""


def _sql_list(words) -> str:
    return ", ".join("'" + w.replace("'", "''") + "'" for w in words)


LATEST_MODEL = "(SELECT model_id FROM topic_models ORDER BY fitted_at DESC, model_id LIMIT 1)"


def quality_sql(truth_path: Path) -> str:
    """QUALITY_SQL, plus the daily article counts of the planted terms (how many planted cells a flag
    can reach), and the main topics of each planted topic's articles: those whose terms are nearly
    all (90 %) the block's words, since a planted article is made of the block's paragraphs."""
    truth = metrics.read_ground_truth(truth_path)
    sql = QUALITY_SQL.rstrip()
    terms = sorted({t.name for t in truth if t.kind == "term_trend"})
    if terms:
        sql += f"""
UNION ALL
SELECT 'daily', to_json(named_struct('issue_date', CAST(issue_date AS STRING), 'region_code', region_code,
  'term', term, 'docs', docs))
  FROM term_daily WHERE term IN ({_sql_list(terms)})
"""
    topics = [t for t in truth if t.kind == "topic"]
    if topics:
        cases = " ".join(f"WHEN avg(CASE WHEN term IN ({_sql_list(sorted(set(t.words) | set(t.carried)))}) "
                         f"THEN 1.0 ELSE 0.0 END) >= 0.9 THEN '{t.name.replace(chr(39), chr(39) * 2)}'" for t in topics)
        sql = sql.rstrip() + f"""
UNION ALL
SELECT 'planted_on', to_json(named_struct('topic', block, 'topic_id', topic_id, 'articles', n)) FROM (
  SELECT p.block, a.topic_id, count(*) AS n
  FROM (SELECT article_id, CASE {cases} END AS block FROM terms GROUP BY article_id) p
  JOIN article_topics a ON a.article_id = p.article_id AND a.model_id = {LATEST_MODEL}
  WHERE p.block IS NOT NULL GROUP BY p.block, a.topic_id)
UNION ALL
SELECT 'topic_size', to_json(named_struct('topic_id', topic_id, 'articles', count(*)))
  FROM article_topics WHERE model_id = {LATEST_MODEL} GROUP BY topic_id
"""
    return sql


def flag_min_docs() -> int:
    """Articles a period needs for a flag under the reference config, which the benchmark's runs use:
    `burst-min-docs`, or 1 when bursts spread to the quieter periods around them
    (`burst-continue-max-p` above 0), since any period with the term has a row that can be flagged."""
    conf = (REPO / "conf" / "newstrends.conf").read_text(encoding="utf-8")
    spread = re.search(r"^\s*burst-continue-max-p\s*=\s*([0-9.eE+-]+)", conf, re.MULTILINE)
    if spread and float(spread.group(1)) > 0:
        return 1
    hit = re.search(r"^\s*burst-min-docs\s*=\s*(\d+)", conf, re.MULTILINE)
    if not hit:
        raise ValueError("burst-min-docs not found in conf/newstrends.conf")
    return int(hit.group(1))


def read_keywords(rows, scope: str, k: int = 10, dates: set[str] | None = None) -> dict:
    groups: dict = {}
    for r in sorted(rows, key=lambda r: int(r["rank"])):
        if r["scope"] != scope or int(r["rank"]) > k:
            continue
        if dates is not None and str(r["period_start"]) not in dates:
            continue
        groups.setdefault((str(r["period_start"]), str(r["region_code"])), []).append(str(r["term"]))
    return groups


def bench_size(runner: Runner, papers: int, days: int, runs: int, seed: int | None, work: Path,
               after_run: Callable[[dict], None] = lambda result: None) -> dict:
    name = f"p{papers}-d{days}" + (f"-s{seed}" if seed else "")
    size_dir = work / name
    corpus, warehouse = size_dir / "corpus", size_dir / "warehouse"
    articles = size_dir / "articles.jsonl"
    last_day = START + timedelta(days=days)          # the held-back day D + 1
    history_to = last_day - timedelta(days=1)
    print(f"\n== {papers} papers x {days} days (+1 held back), {runs} run(s) -> {size_dir}", file=sys.stderr)
    result: dict = {"papers": papers, "days": days, "seed": seed, "runs": runs, "history_to": history_to.isoformat(),
                    "extra_day": last_day.isoformat(), "measures": {}}
    meas = result["measures"]

    # A corpus is reused while the arguments and the generator's sources are the same.
    spec = {"papers": papers, "days": days + 1, "seed": seed, "generator": generator_digest()}
    marker = size_dir / "corpus.json"
    if not (marker.exists() and json.loads(marker.read_text()) == spec):
        shutil.rmtree(size_dir, ignore_errors=True)
        size_dir.mkdir(parents=True)
        cli = ["generate", "--papers", str(papers), "--days", str(days + 1), "--out", str(corpus),
               "--start", START.isoformat()] + (["--seed", str(seed)] if seed else [])
        g = runner.newstrends("generate", *cli)
        result["generate"] = g.stdout.strip().splitlines()[0] if g.stdout.strip() else ""
        marker.write_text(json.dumps(spec))
        articles.unlink(missing_ok=True)

    for rep in range(runs):
        print(f"-- run {rep + 1}/{runs}", file=sys.stderr)
        shutil.rmtree(warehouse, ignore_errors=True)
        m = runner.newstrends("newstrends run", "run", "--input", str(corpus), "--warehouse", str(warehouse),
                              "--to", history_to.isoformat())
        meas.setdefault("nt_run", []).append(record(m, stages=run_stages(m)))

        if rep == 0:
            runner.newstrends("export articles", "sql", "--warehouse", str(warehouse), "--format", "jsonl",
                              "SELECT article_id, CAST(issue_date AS STRING) AS issue_date, region_code, body "
                              "FROM articles ORDER BY issue_date, article_id", stdout_path=articles)
            n_articles, n_chars, dates = 0, 0, set()
            for a in read_articles(articles):
                n_articles += 1
                n_chars += len(a.get("body") or "")
                dates.add(str(a["issue_date"]))
            result.update(articles=n_articles, characters=n_chars, history_dates=sorted(dates))
            raw = runner.raw_hanlp(articles, max(runs, 1))
            figures = last_json(raw.stdout)
            result["raw_hanlp"] = {"seconds": figures.get("seconds", []), "cpu_seconds": figures.get("cpu_seconds", []),
                                   "characters": figures.get("characters"), "peak_mib": raw.peak_mib}

        m = runner.newstrends("newstrends run --stages nlp,analyze --steps keywords", "run", "--stages", "nlp,analyze",
                              "--warehouse", str(warehouse), "--steps", "keywords",
                              "--config", str(HERE / "peers_path.conf"))
        split = path_stages(m)
        meas.setdefault("nt_path", []).append(record(m, stages=split))
        if split:
            meas.setdefault("nt_nlp", []).append(split["nlp"])
            meas.setdefault("nt_analyze", []).append({**split["analyze"], "steps_ms": analyze_steps(m.stderr)})

        m = runner.newstrends("newstrends one more day", "run", "--input", str(corpus), "--warehouse",
                              str(warehouse), "--date", last_day.isoformat())
        meas.setdefault("nt_next_day", []).append(record(m, stages=run_stages(m)))

        # What the extra day is held against: the first day of the corpus, run on an empty warehouse.
        first_warehouse = size_dir / "first-day-warehouse"
        shutil.rmtree(first_warehouse, ignore_errors=True)
        m = runner.newstrends("newstrends first day", "run", "--input", str(corpus), "--warehouse",
                              str(first_warehouse), "--date", START.isoformat())
        meas.setdefault("nt_first_day", []).append(record(m, stages=run_stages(m)))
        shutil.rmtree(first_warehouse, ignore_errors=True)

        out = size_dir / "pyspark_keywords.parquet"
        m = runner.python("PySpark + jieba + MLlib", HERE / "peers" / "pyspark_jieba.py", "--articles", str(articles),
                          "--out", str(out), "--master", f"local[{CORES}]", "--driver-memory",
                          runner.args.driver_memory)
        meas.setdefault("pyspark", []).append(record(m, stages=last_json(m.stdout).get("stages", {})))

        out = size_dir / "single_keywords.parquet"
        m = runner.python("single process jieba + sklearn", HERE / "peers" / "single_process.py", "--articles",
                          str(articles), "--out", str(out), "--workers", str(CORES))
        meas.setdefault("single", []).append(record(m, stages=last_json(m.stdout).get("stages", {})))
        after_run(result)

    q = runner.newstrends("quality query", "sql", "--warehouse", str(warehouse), "--format", "jsonl",
                          quality_sql(corpus / "ground_truth.csv"))
    result["quality"] = quality(q.stdout, corpus / "ground_truth.csv", size_dir, set(result["history_dates"]),
                                last_day)
    return result


def quality(sql_out: str, truth_path: Path, size_dir: Path, history: set[str], last_day: date) -> dict:
    import pandas as pd

    kw, bursts, topic_rows, daily, planted_on, topic_size = [], [], [], [], [], []
    for line in sql_out.splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        value = json.loads(row["j"])
        {"kw": kw, "burst": bursts, "topic": topic_rows, "daily": daily, "planted_on": planted_on,
         "topic_size": topic_size}[row["k"]].append(value)
    peers = {name: pd.read_parquet(size_dir / f"{name}_keywords.parquet").to_dict("records")
             for name in ("pyspark", "single")}
    agreement = {}
    for scope in ("day", "day_region"):
        nt = read_keywords(kw, scope, dates=history)
        ps = read_keywords(peers["pyspark"], scope, dates=history)
        sp = read_keywords(peers["single"], scope, dates=history)
        for pair, (a, b) in {"newstrends~pyspark": (nt, ps), "newstrends~single": (nt, sp),
                             "pyspark~single": (ps, sp)}.items():
            value, groups = metrics.mean_overlap(a, b, 10)
            agreement[f"{scope}:{pair}"] = {"overlap_at_10": value, "groups": groups}

    truth = metrics.read_ground_truth(truth_path)
    bursts_q = {}
    daily_docs = {(str(r["region_code"]), date.fromisoformat(r["issue_date"]), str(r["term"])): int(r["docs"])
                  for r in daily}
    for g in BURST_GRANULARITIES:
        bq = metrics.burst_quality(bursts, truth, g, last_day=last_day, daily_docs=daily_docs,
                                   min_docs=flag_min_docs())
        bursts_q[g] = {"precision": bq.precision, "precision_planted_terms": bq.precision_planted_terms,
                       "recall": bq.recall, "required": bq.required, "found": bq.found, "flagged": bq.flagged,
                       "true_flags": bq.true_flags, "carried_flags": bq.carried_flags, "reachable": bq.reachable,
                       "recall_of_reachable": bq.recall_of_reachable, "missed": bq.missed,
                       "false_examples": bq.false[:20]}
    topics: dict = {}
    for r in sorted(topic_rows, key=lambda r: int(r["rank"])):
        topics.setdefault(int(r["topic_id"]), []).append(r["term"])
    generic = read_word_list(REPO / "conf" / "generic-terms.txt")
    planted_topics = metrics.topic_recovery(topics, truth, generic)
    on: dict = {t.name: {} for t in truth if t.kind == "topic"}
    for r in planted_on:
        on[r["topic"]][int(r["topic_id"])] = int(r["articles"])
    grouping = metrics.topic_grouping(on, {int(r["topic_id"]): int(r["articles"]) for r in topic_size})
    return {"keyword_agreement": agreement, "bursts": bursts_q, "topics": planted_topics, "topic_grouping": grouping,
            "planted": [{"kind": t.kind, "name": t.name, "region_code": t.region_code, "from": t.start.isoformat(),
                         "to": t.end.isoformat()} for t in truth]}


# ---------------------------------------------------------------------------------------------
# report


def med(rows: list[dict], key: str = "seconds") -> float | None:
    return metrics.median([r[key] for r in rows if r.get(key) is not None]) if rows else None


def stage_median(rows: list[dict], stage: str, key: str = "seconds") -> float | None:
    return metrics.median([r["stages"][stage][key] for r in rows if stage in r.get("stages", {})
                           and isinstance(r["stages"][stage], dict)])


def peer_stage(rows: list[dict], stage: str) -> float | None:
    return metrics.median([r["stages"][stage] for r in rows if stage in r.get("stages", {})])


def fmt(x, spec=",.2f", none="–"):
    return none if x is None else format(x, spec)


def size_table(r: dict) -> str:
    m = r["measures"]
    chars, arts = r["characters"], r["articles"]
    raw = metrics.median(r["raw_hanlp"]["seconds"])
    raw_cpu = metrics.median(r["raw_hanlp"]["cpu_seconds"])
    path = med(m["nt_path"])
    lines = [f"**{r['papers']} papers × {r['days']} days: {arts:,} articles, {chars:,} characters** "
             f"(medians of {r['runs']} run(s); {CORES} cores each; peak MiB = proportional set size of the process tree; CPU s = user + system seconds of the tree; stage rows: from the time their lines appeared)",
             "",
             "| system / stage | median s | chars/s | articles/s | peak MiB | CPU s | time ÷ newstrends on the peers' path |",
             "|---|---:|---:|---:|---:|---:|---:|"]

    def row(label, seconds, peak=None, cpu=None, ratio=True, rates=True):
        cps = chars / seconds if seconds and rates else None
        aps = arts / seconds if seconds and rates else None
        rel = fmt(seconds / path, ".2f") if ratio and seconds and path else ""
        lines.append(f"| {label} | {fmt(seconds)} | {fmt(cps, ',.0f')} | {fmt(aps, ',.0f')} | "
                     f"{fmt(peak, ',.0f', '')} | {fmt(cpu, ',.1f', '')} | {rel} |")

    row("raw HanLP segmentation, 1 thread, plain loop (the ceiling per core; CPU s: the loop thread's)", raw, r["raw_hanlp"]["peak_mib"],
        raw_cpu, ratio=False)
    if raw:
        lines.append(f"| raw HanLP × {CORES} cores (ceiling) | | {chars / raw * CORES:,.0f} | | | | |")
    runs = m["nt_run"]
    row("**newstrends `run`** end to end (ingest + nlp + analyze, JVM start and summary included)",
        med(runs), med(runs, "peak_mib"), med(runs, "cpu_seconds"), ratio=False)
    for stage, label in [("start", "JVM, Spark session, run log"), ("ingest", "ingest (raw issues → articles)"),
                         ("nlp", "nlp (HanLP → article_tokens, terms, entities)"),
                         ("analyze", "analyze (aggregates, keywords, trends, topics)"),
                         ("finish", "run log, summary printed")]:
        row(f"  ↳ {label}", stage_median(runs, stage), stage_median(runs, stage, "peak_mib"), ratio=False,
            rates=stage in ("ingest", "nlp", "analyze"))
    row("**newstrends on the peers' path**: `run --stages nlp,analyze --steps keywords` (one application)", path,
        med(m["nt_path"], "peak_mib"),
        med(m["nt_path"], "cpu_seconds"))
    row("  ↳ nlp (JVM and Spark session included)", med(m.get("nt_nlp", [])), med(m.get("nt_nlp", []), "peak_mib"),
        ratio=False)
    row("  ↳ analyze: daily aggregates + keywords, what the peers compute", med(m.get("nt_analyze", [])),
        med(m.get("nt_analyze", []), "peak_mib"), ratio=False)
    kw = metrics.median([(x.get("steps_ms") or {}).get("keywords") for x in m.get("nt_analyze", [])
                         if (x.get("steps_ms") or {}).get("keywords")])
    if kw:
        lines.append(f"| &nbsp;&nbsp;&nbsp;(its keywords step alone, after the aggregates) | {kw / 1000:,.2f} | | | | | |")
    row("**PySpark + jieba UDF + MLlib TF-IDF** (baseline)", med(m["pyspark"]), med(m["pyspark"], "peak_mib"),
        med(m["pyspark"], "cpu_seconds"))
    row("  ↳ jieba segmentation (pandas UDF, cached)", peer_stage(m["pyspark"], "segment"), ratio=False)
    row("**single process: jieba + pandas + scikit-learn** (baseline)", med(m["single"]), med(m["single"], "peak_mib"),
        med(m["single"], "cpu_seconds"))
    row(f"  ↳ jieba segmentation (pool of {CORES})", peer_stage(m["single"], "segment"), ratio=False)
    nd = m["nt_next_day"]
    lines.append(f"| **one more day after the history**: newstrends `run --date {r['extra_day']}` | {fmt(med(nd))} | | | "
                 f"{fmt(med(nd, 'peak_mib'), ',.0f')} | {fmt(med(nd, 'cpu_seconds'), ',.1f')} | |")
    fd = m.get("nt_first_day") or []
    if fd:
        ratio = med(nd) / med(fd) if med(fd) else None
        lines.append(f"| the first day, on an empty warehouse: newstrends `run --date {START.isoformat()}` | "
                     f"{fmt(med(fd))} | | | {fmt(med(fd, 'peak_mib'), ',.0f')} | {fmt(med(fd, 'cpu_seconds'), ',.1f')} | |")
        lines.append(f"| one more day ÷ first day (target ≤ 2) | {fmt(ratio, '.2f')} | | | | | |")
    lines.append(f"| one more day: the baselines keep no state, so a full rerun over D + 1 days | "
                 f"≈ {fmt(med(m['pyspark']))} / ≈ {fmt(med(m['single']))} | | | | | (not measured) |")
    nlp_stage = stage_median(runs, "nlp")
    if raw and nlp_stage:
        note = (f"nlp stage inside `run` / (raw HanLP × {CORES} cores): "
                f"**{(chars / nlp_stage) / (chars / raw * CORES):.2f}** (target ≥ 0.75; at a few million characters "
                f"the stage's fixed cost of Spark jobs and Delta commits dominates)")
        if raw_cpu:
            note += f"; raw HanLP per CPU-second: {chars / raw_cpu:,.0f} chars/s"
        lines += ["", note]
    return "\n".join(lines)


def quality_table(r: dict) -> str:
    q = r["quality"]
    a = q["keyword_agreement"]
    lines = [f"**Quality, {r['papers']} papers × {r['days']} days**", "",
             "| check | value |", "|---|---|"]
    for scope in ("day", "day_region"):
        for pair in ("newstrends~pyspark", "newstrends~single", "pyspark~single"):
            v = a.get(f"{scope}:{pair}", {})
            lines.append(f"| top-10 overlap, {scope} scope, {pair.replace('~', ' vs ')} | "
                         f"{fmt(v.get('overlap_at_10'), '.2f')} over {v.get('groups', 0)} groups |")
    for g in BURST_GRANULARITIES:
        b = q["bursts"][g]
        lines.append(f"| burst flags, {g}: precision (every other flag false) / precision (planted terms only) / recall | "
                     f"{fmt(b['precision'], '.2f')} / {fmt(b['precision_planted_terms'], '.2f')} / {fmt(b['recall'], '.2f')} "
                     f"({b['true_flags']} of {b['flagged']} flags true; {b['found']} of {b['required']} planted cells found, "
                     f"{b.get('reachable', '?')} of them in {flag_min_docs()} or more articles so a flag could reach them "
                     f"(recall of those {fmt(b.get('recall_of_reachable'), '.2f')}); "
                     f"{b.get('carried_flags', 0)} flags of words the planted text carried, not counted) |")
    for t in q["topics"]:
        lines.append(f"| planted topic {t['topic']} ({t['region_code']}) among the topics | "
                     f"{'yes' if t['found'] else 'no'}: {t['shared_words']} of its words in topic {t['best_topic']}'s top 10 |")
    for t in q.get("topic_grouping", []):
        lines.append(f"| planted topic {t['topic']}: its articles on one main topic, mostly theirs | "
                     f"{'yes' if t['grouped'] else 'no'}: {t['together']} of its {t['articles']} articles on topic "
                     f"{t['main_topic']} ({t.get('topic_articles', 0)} articles; {fmt(t['lift'], '.1f')} times as common "
                     f"there as in all) |")
    return "\n".join(lines)


def exponent_table(results: list[dict]) -> str:
    xs = [r["characters"] for r in results]
    systems = [("raw HanLP, 1 thread", [metrics.median(r["raw_hanlp"]["seconds"]) for r in results]),
               ("newstrends `run`", [med(r["measures"]["nt_run"]) for r in results]),
               ("newstrends `run --stages nlp,analyze`", [med(r["measures"]["nt_path"]) for r in results]),
               ("PySpark + jieba + MLlib", [med(r["measures"]["pyspark"]) for r in results]),
               ("single process jieba + sklearn", [med(r["measures"]["single"]) for r in results]),
               ("newstrends one more day (vs history size)", [med(r["measures"]["nt_next_day"]) for r in results])]
    lines = ["| system | " + " | ".join(f"{x / 1e6:,.1f} M chars" for x in xs) + " | exponent k (time ∝ chars^k) |",
             "|---|" + "---:|" * (len(xs) + 1)]
    for label, ys in systems:
        k = metrics.exponent(xs, ys)
        lines.append(f"| {label} | " + " | ".join(fmt(y) for y in ys) + f" | {fmt(k, '.2f', 'n/a (one size)')} |")
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["characters"] for r in results]
    series = [("newstrends run (end to end)", "nt_run", "o-"), ("newstrends run --stages nlp,analyze (peers' path)", "nt_path", "s-"),
              ("PySpark + jieba UDF + MLlib", "pyspark", "^-"), ("single process jieba + sklearn", "single", "v-"),
              ("newstrends one more day", "nt_next_day", "x--")]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, key, style in series:
        ys = [med(r["measures"][key]) for r in results]
        ax.plot(xs, ys, style, label=label)
    ax.plot(xs, [metrics.median(r["raw_hanlp"]["seconds"]) for r in results], "d:",
            label="raw HanLP, 1 thread (segmentation only)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("characters of articles")
    ax.set_ylabel("wall seconds (median)")
    ax.set_title(f"Cost against corpus size, {CORES} cores")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def report(results: list[dict], mode: str) -> str:
    parts = [f"### Scale benchmark ({mode}, {datetime.now().strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
             f"load average at the end {os.getloadavg()[0]:.1f})", ""]
    for r in results:
        parts += [size_table(r), "", quality_table(r), ""]
    parts += ["**Cost against size** (wall seconds, medians)", "", exponent_table(results), ""]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------


def write_partial(path: Path, mode: str, sizes: list[dict]) -> None:
    """The figures so far: finished sizes, and the runs of the size in progress (its "runs" is what
    was asked; its measure lists hold the runs done)."""
    path.write_text(json.dumps({"mode": mode, "cores": CORES, "sizes": sizes}, ensure_ascii=False, indent=1,
                               default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="newstrends against the comparison baselines (benchmark/README.md)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help=f"one size (default {QUICK_SIZE[0]} papers x "
                                                            f"{QUICK_SIZE[1]} days), one run (the default)")
    mode.add_argument("--full", action="store_true", help="three sizes growing x4 (13 papers x 66 / 264 / 1056 days; "
                                                          "the largest about 105 M characters), 3 runs")
    parser.add_argument("--papers", type=int, help="quick: papers (1-13)")
    parser.add_argument("--days", type=int, help="quick: days of history (one more is generated and held back)")
    parser.add_argument("--sizes", help="full: PxD,PxD,PxD instead of the default three")
    parser.add_argument("--runs", type=int, help="timed runs per size (quick 1, full 3)")
    parser.add_argument("--seed", type=int, help="generator seed (default: the generator's)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newstrends-bench"),
                        help="corpora, warehouses, exports, peer outputs (default /tmp/newstrends-bench)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where the JSON, Markdown and PNG go")
    parser.add_argument("--driver-memory", default="4g", help="JVM heap of newstrends, the PySpark driver and raw HanLP")
    args = parser.parse_args(argv)

    if args.full:
        mode_name = "full"
        sizes = FULL_SIZES if not args.sizes else [tuple(int(v) for v in s.lower().split("x"))
                                                   for s in args.sizes.split(",")]
        runs = args.runs or 3
    else:
        mode_name = "quick"
        sizes = [(args.papers or QUICK_SIZE[0], args.days or QUICK_SIZE[1])]
        runs = args.runs or 1
    if jar_is_stale():
        print("bench: sources changed since target/newstrends.jar was built; bin/newstrends would run Maven inside "
              "the timed runs. Build first (any bin/newstrends command), then rerun.", file=sys.stderr)
        return 2

    runner = Runner(args)
    args.results.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.monotonic()
    partial = args.results / f"{mode_name}-partial.json"
    try:
        for papers, days in sizes:
            # Every run's figures are kept as soon as they exist: a long benchmark cut short keeps them.
            results.append(bench_size(runner, papers, days, runs, args.seed, args.work,
                                      after_run=lambda size: write_partial(partial, mode_name, results + [size])))
            write_partial(partial, mode_name, results)
            print(size_table(results[-1]) + "\n\n" + quality_table(results[-1]), file=sys.stderr)
    except Abort as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    if mode_name == "full" and results and max(r["characters"] for r in results) < 100_000_000:
        print(f"bench: note: the largest size has {max(r['characters'] for r in results):,} characters, under 100 M",
              file=sys.stderr)
    results.sort(key=lambda r: r["characters"])  # sizes may be given largest first
    md = report(results, mode_name)
    png = args.results / f"cost-vs-size-{mode_name}.png"
    plot(results, png)
    md += f"\nPlot: `{png.relative_to(REPO) if png.is_relative_to(REPO) else png}`; " \
          f"benchmark wall time {time.monotonic() - started:,.0f} s.\n"
    (args.results / f"{mode_name}.md").write_text(md, encoding="utf-8")
    (args.results / f"{mode_name}.json").write_text(json.dumps({"mode": mode_name, "cores": CORES, "sizes": results},
                                                               ensure_ascii=False, indent=1, default=str),
                                                    encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
