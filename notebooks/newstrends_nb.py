"""Shared helpers of the newstrends notebooks: the Spark session, reading warehouse tables by their
bare name, the CJK font for matplotlib, region names, date filters and saving figures.

The notebooks import this module (it sits next to them); everything here is plain pyspark +
delta-spark + matplotlib, so it also works from a script or a Python shell:

    import newstrends_nb as nb
    spark = nb.spark_session("explore")
    wh = nb.Warehouse(spark, "./warehouse")
    wh.table("articles").groupBy("issue_date").count().show()
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Optional

NOTEBOOKS = Path(__file__).resolve().parent
REPO = NOTEBOOKS.parent
IVY_SETTINGS = REPO / "conf" / "ivysettings.xml"
GAZETTEER = REPO / "conf" / "regions.csv"

#: The CJK font the plots use (Debian/Ubuntu package fonts-wqy-microhei, installed by bin/setup-python).
CJK_FONT = "WenQuanYi Micro Hei"
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",   # Fedora
    "/usr/local/share/fonts/wqy-microhei.ttc",
)
#: region_code of the rows that count every region together (trend, keyword and topic tables).
ALL_REGIONS = "all"
ALL_REGIONS_NAME = "全区合计"


# ----------------------------------------------------------------------------------------------
# Paths and parameters


def resolve_warehouse(warehouse: Optional[str]) -> Path:
    """The warehouse directory: the parameter, else $NEWSTRENDS_WAREHOUSE, else <repo>/warehouse.
    Relative paths are taken from the current directory (where papermill or the kernel runs)."""
    chosen = warehouse or os.environ.get("NEWSTRENDS_WAREHOUSE") or str(REPO / "warehouse")
    path = Path(chosen).expanduser().resolve()
    if not path.is_dir():
        raise FileNotFoundError(
            f"warehouse {path} does not exist: build it with `bin/newstrends run --warehouse {path}` "
            "or pass -p warehouse <dir> (or set NEWSTRENDS_WAREHOUSE)")
    return path


def resolve_figures_dir(figures_dir: Optional[str]) -> Path:
    """Where PNGs go: the parameter, else $NEWSTRENDS_FIGURES, else notebooks/figures. Created if missing."""
    chosen = figures_dir or os.environ.get("NEWSTRENDS_FIGURES") or str(NOTEBOOKS / "figures")
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def describe_range(start: Optional[str], end: Optional[str]) -> str:
    if not start and not end:
        return "all issue dates"
    return f"{start or '…'} to {end or '…'}"


def date_filter(column: str, start: Optional[str], end: Optional[str]) -> str:
    """A SQL predicate keeping `column` (a date) within [start, end]; either end may be None."""
    return _bounds(column, column, start, end)


def period_filter(start: Optional[str], end: Optional[str]) -> str:
    """A SQL predicate keeping periods (period_start, period_end) that overlap [start, end]."""
    return _bounds("period_end", "period_start", start, end)


def _bounds(last: str, first: str, start: Optional[str], end: Optional[str]) -> str:
    """`last >= start AND first <= end`, leaving out a side that is None."""
    parts = ["true"]
    if start:
        parts.append(f"{last} >= DATE'{_iso(start)}'")
    if end:
        parts.append(f"{first} <= DATE'{_iso(end)}'")
    return " AND ".join(parts)


def _iso(value) -> str:
    import datetime as dt
    text = str(value)
    dt.date.fromisoformat(text)  # fails loudly on a malformed parameter
    return text


def sql_list(values: Iterable[str]) -> str:
    """A SQL IN-list of string literals."""
    quoted = ["'" + str(v).replace("\\", "\\\\").replace("'", "\\'") + "'" for v in values]
    return "(" + ", ".join(quoted) + ")" if quoted else "(NULL)"


# ----------------------------------------------------------------------------------------------
# Spark


def spark_session(app_name: str = "newstrends-notebook", driver_memory: str = "2g",
                  conf: Optional[dict[str, str]] = None):
    """A local[2] Spark session with Delta Lake, sized for a laptop (one per notebook); `conf` adds or
    overrides Spark settings.

    Delta comes from Maven Central through spark.jars.packages (delta-spark's
    configure_spark_with_delta_pip), resolved with conf/ivysettings.xml: Spark's default Ivy chain
    also looks in ~/.m2, where a Maven build leaves POMs without jars, and then fails with
    "download failed ... local-m2-cache"."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if venv_bin not in path.split(os.pathsep):
        os.environ["PATH"] = venv_bin + os.pathsep + path  # pip pyspark's launcher finds its home with it
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName(app_name)
        .master("local[2]")
        .config("spark.driver.memory", driver_memory)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")                # no progress bars in cell output
        .config("spark.databricks.delta.snapshotPartitions", "2")     # small tables: not 50 tasks per log replay
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.jars.ivySettings", str(IVY_SETTINGS))
        # The JIT's first tier only: notebooks run many small queries in a short-lived JVM, where the
        # optimizing compiler costs more CPU than it saves (session start and first query about twice
        # as fast on 2 cores). Pass conf={"spark.driver.extraJavaOptions": ""} for long heavy queries.
        # C1 alone would reserve only 48 MB of code cache; a JVM that fills it dies.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m")
    )
    for key, value in (conf or {}).items():   # anything else, e.g. {"spark.driver.memory": "4g"}
        builder = builder.config(key, value)
    # The JVM's own output (Ivy's resolution report, log4j warnings) goes to a log file, not into
    # the notebook's cells; it is printed if the session fails to start.
    log = Path(tempfile.gettempdir()) / f"newstrends-notebook-spark-{os.getpid()}.log"
    error = None
    with _jvm_output_to(log):
        try:
            spark = configure_spark_with_delta_pip(builder).getOrCreate()
        except Exception as e:   # reported below, once the cell's output is ours again
            error = e
    if error is not None:
        tail = log.read_text(errors="replace")[-4000:] if log.exists() else "(no log)"
        raise RuntimeError(f"Spark did not start; the end of its log {log}:\n{tail}") from error
    print(f"Spark log: {log}")
    spark.sparkContext.setLogLevel("ERROR")
    print(f"Spark {spark.version} (local[2]) with Delta Lake")
    print(f"kernel python: {sys.executable} (prefix {sys.prefix})")
    return spark


@contextlib.contextmanager
def _jvm_output_to(log: Path):
    """Points file descriptors 1 and 2 at `log` while the JVM starts (it inherits them and keeps them)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log, "ab") as target:
        os.dup2(target.fileno(), 1)
        os.dup2(target.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


class Warehouse:
    """The Delta tables under one warehouse directory, read by their bare name: `wh.table("articles")`,
    or in SQL, `wh.sql("SELECT … FROM articles")` (each table becomes a temporary view of that name
    the first time a query mentions it, so a notebook only pays for the tables it reads)."""

    def __init__(self, spark, path):
        self.spark = spark
        self.path = Path(path)
        self.tables = sorted(p.name for p in self.path.iterdir() if (p / "_delta_log").is_dir())
        self._views: set[str] = set()
        print(f"warehouse {self.path}: {len(self.tables)} tables ({', '.join(self.tables) or 'none'})")

    def has(self, *names: str) -> bool:
        """True if every table exists; else prints which are missing (the notebook then skips a step)."""
        missing = [n for n in names if n not in self.tables]
        if missing:
            print(f"Skipped: the warehouse has no {', '.join(missing)} table(s) yet "
                  "(run `bin/newstrends run`, or ingest, nlp and analyze, to build them).")
        return not missing

    def table(self, name: str):
        if name not in self.tables:
            raise FileNotFoundError(
                f"no Delta table {name!r} in {self.path} (tables: {', '.join(self.tables) or 'none'}); "
                "run `bin/newstrends run` (or ingest, nlp and analyze) to build it")
        if name not in self._views:
            self.spark.read.format("delta").load(str(self.path / name)).createOrReplaceTempView(name)
            self._views.add(name)
        return self.spark.table(name)

    def sql(self, query: str):
        for name in self.tables:
            if name not in self._views and re.search(rf"\b{name}\b", query):
                self.table(name)
        return self.spark.sql(query)

    def pandas(self, query: str):
        """A query's rows as a pandas DataFrame (fine for the aggregates the notebooks plot)."""
        return self.sql(query).toPandas()


# ----------------------------------------------------------------------------------------------
# Regions


def region_names(wh: Optional[Warehouse] = None) -> dict[str, str]:
    """region_code -> Chinese name from the gazetteer (conf/regions.csv: the region, its 12 盟市 and
    103 旗县区), else from the names the articles carry; 'all' -> 全区合计 for the rows that count
    every region together."""
    names: dict[str, str] = {}
    if GAZETTEER.exists():
        import csv
        with GAZETTEER.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names[row["code"]] = row["name"]
    elif wh is not None and "articles" in wh.tables:
        for row in wh.sql("SELECT DISTINCT region_code, region_name FROM articles").collect():
            names[row["region_code"]] = row["region_name"]
    names[ALL_REGIONS] = ALL_REGIONS_NAME
    return names


def region_label(code: str, names: dict[str, str]) -> str:
    return names.get(code, code)


# ----------------------------------------------------------------------------------------------
# Plots


def use_cjk_font():
    """Makes matplotlib draw Chinese with WenQuanYi Micro Hei, explicitly (no silent fallback to a
    font without CJK glyphs, which draws boxes). Raises if the font is not installed."""
    from matplotlib import font_manager, pyplot as plt

    if not _font_known(font_manager):
        for candidate in CJK_FONT_FILES:
            if Path(candidate).exists():
                font_manager.fontManager.addfont(candidate)  # installed after matplotlib cached its font list
                break
    if not _font_known(font_manager):
        raise RuntimeError(
            f"the CJK font {CJK_FONT!r} is not installed, so plots would show boxes instead of Chinese: "
            "run bin/setup-python (it installs Debian's fonts-wqy-microhei) or "
            "`sudo apt-get install fonts-wqy-microhei`")
    path = font_manager.findfont(font_manager.FontProperties(family=CJK_FONT), fallback_to_default=False)
    from matplotlib.ft2font import FT2Font
    if FT2Font(path).get_char_index(ord("蒙")) == 0:
        raise RuntimeError(f"{path} was taken for {CJK_FONT!r} but has no Chinese glyphs")

    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [CJK_FONT, "DejaVu Sans"],
        "axes.unicode_minus": False,   # the CJK font's hyphen instead of U+2212
        "figure.dpi": 100,
        "savefig.dpi": 130,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
    })
    print(f"matplotlib font: {CJK_FONT} ({path})")
    return path


def _font_known(font_manager) -> bool:
    return any(f.name == CJK_FONT for f in font_manager.fontManager.ttflist)


def _in_kernel() -> bool:
    return "ipykernel" in sys.modules


def save_figure(fig, name: str, figures_dir: Path) -> Path:
    """Saves `fig` as <figures_dir>/<name>.png and shows it in the notebook."""
    from matplotlib import pyplot as plt
    path = Path(figures_dir) / f"{name}.png"
    fig.savefig(path, bbox_inches="tight", facecolor="white")
    print(f"saved {path}")
    if _in_kernel():
        plt.show()   # the inline backend shows the figure in the notebook, then closes it
    else:
        plt.close(fig)
    return path


def nothing_to_plot(what: str, why: str = "") -> None:
    """The message a notebook prints instead of an empty plot."""
    print(f"Nothing to plot for {what}" + (f": {why}" if why else "") + ".")


def categorical_dates(values) -> list[str]:
    """ISO strings for dates used as evenly spaced categories (the sample has a handful of issue
    dates years apart; a time axis would crowd them into two clusters)."""
    return [v.isoformat() if hasattr(v, "isoformat") else str(v) for v in values]


#: articles.kind, with the Chinese word a newsroom uses for it.
KIND_LABELS = {
    "news": "news 消息",
    "commentary": "commentary 评论",
    "photo": "photo 图片新闻",
    "interview": "interview 专访",
    "notice": "notice 公告",
    "document": "document 文件",
}


def stacked_bars(ax, table, *, horizontal: bool = False, totals: bool = True, colors=None, fmt="{:.0f}",
                 integer: bool = True):
    """Stacked bars of a pandas table: one bar per row (index = category), one segment per column.
    Categories are evenly spaced, whatever they are (dates years apart stay readable)."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator
    labels = categorical_dates(table.index)
    positions = np.arange(len(table))
    base = np.zeros(len(table))
    for i, column in enumerate(table.columns):
        values = table[column].to_numpy(dtype=float)
        color = colors[i % len(colors)] if colors is not None else None
        if horizontal:
            ax.barh(positions, values, left=base, label=str(column), color=color, edgecolor="white", linewidth=0.5)
        else:
            ax.bar(positions, values, bottom=base, label=str(column), color=color, edgecolor="white", linewidth=0.5)
        base += values
    if totals:
        for pos, total in zip(positions, base):
            if horizontal:
                ax.text(total, pos, " " + fmt.format(total), va="center", ha="left", fontsize=9)
            else:
                ax.text(pos, total, fmt.format(total), va="bottom", ha="center", fontsize=9)
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, max(base.max(), 1) * 1.12)
        if integer:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.set_xticks(positions, labels)
        ax.grid(axis="x", visible=False)
        ax.set_ylim(0, max(base.max(), 1) * 1.12)
        if integer:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def palette(n: int):
    """n distinct colours (tab10, then tab20) for topics or regions."""
    from matplotlib import colormaps
    cmap = colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]
