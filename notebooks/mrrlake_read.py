"""Read mrrlake output (Delta tables or Parquet folders) into pandas and DuckDB, without Spark.

DuckDB's own ``delta_scan`` needs an extension downloaded at run time, which locked-down machines
cannot do, so this module finds a Delta table's live files itself: it replays the table's
``_delta_log`` (the last checkpoint, if any, then every JSON commit after it) and keeps the files that
were added and not removed since. Partition columns live in the log, not in the files, and are put
back as string columns. The reader implements the Delta protocol's reader version 1 (what mrrlake
writes) and refuses, with an error that says so, a table that needs a reader feature it does not
implement (deletion vectors, column mapping, ...): such a table read file by file would give wrong
rows. Parquet output (``--output-format parquet``) is a plain folder of Hive-style month
partitions, which any Parquet reader, this one included, reads by pointing at the folder.

    import mrrlake_read as mr
    out = mr.Output()                        # $MRRLAKE_OUTPUT, default demo/out
    movements = out.df("calculated/mrr_movements")
    con = out.duckdb()                       # one view per dataset: calculated_mrr_movements, ...
    con.sql("select MOVEMENT_TYPE, sum(MRR_MOVEMENT) from calculated_mrr_movements group by 1")

Local paths and ``file:`` URIs only: for s3a:// or gs:// output, mount the bucket or copy the
dataset folder first.
"""

from __future__ import annotations

import glob
import json
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

DEFAULT_OUTPUT = "demo/out"
DATASET_FAMILIES = ("source", "calculated", "rejects")


def output_root(path: str | None = None) -> Path:
    """The output root: the argument, else $MRRLAKE_OUTPUT, else demo/out (looked up from the
    working directory and its parents, so a notebook in notebooks/ finds the project's demo)."""
    raw = path or os.environ.get("MRRLAKE_OUTPUT") or DEFAULT_OUTPUT
    if raw.startswith("file:"):
        raw = unquote(urlparse(raw).path)
    p = Path(raw)
    if p.is_absolute() or p.exists():
        return p.resolve()
    for parent in Path.cwd().resolve().parents:
        if (parent / p).exists():
            return (parent / p).resolve()
    return p.resolve()


# Reader features that do not change which rows and columns the data files hold.
SUPPORTED_READER_FEATURES = frozenset({"timestampNtz", "vacuumProtocolCheck"})


class UnsupportedDeltaTable(Exception):
    """The table needs a Delta reader feature this module does not implement."""


def as_dict(value) -> dict:
    """A Delta map as a dict: a JSON commit holds an object, a Parquet checkpoint a list of pairs."""
    if not value:
        return {}
    return dict(value)


def check_protocol(table: Path, protocol: dict | None, metadata: dict | None) -> None:
    """Refuses a table whose protocol or settings this reader cannot honour."""
    protocol = protocol or {}
    version = int(protocol.get("minReaderVersion") or 1)
    features = set(protocol.get("readerFeatures") or [])
    mapping = as_dict((metadata or {}).get("configuration")).get("delta.columnMapping.mode", "none")
    problems = []
    if version == 2 or mapping != "none":
        problems.append(f"column mapping (delta.columnMapping.mode = {mapping})")
    if version > 3:
        problems.append(f"reader version {version}")
    unsupported = sorted(features - SUPPORTED_READER_FEATURES)
    if unsupported:
        problems.append("reader features " + ", ".join(unsupported))
    if problems:
        raise UnsupportedDeltaTable(
            f"{table}: this Delta table needs {'; '.join(problems)}, which mrrlake_read does not implement "
            "(it reads reader version 1 tables, as mrrlake writes them). Read it with Spark, or with "
            "DuckDB's delta extension or the deltalake package where they can be installed."
        )


def delta_live_files(table: Path) -> list[tuple[str, dict[str, str]]]:
    """The files of a Delta table's current version, each with its partition values."""
    return delta_snapshot(table)[0]


def delta_snapshot(table: Path) -> tuple[list[tuple[str, dict[str, str]]], dict]:
    """A Delta table's current version: its live files with their partition values, and its
    metaData action (schemaString, partitionColumns, configuration)."""
    log = table / "_delta_log"
    live: dict[str, dict[str, str]] = {}
    protocol = metadata = None
    start = -1
    last = log / "_last_checkpoint"
    if last.exists():
        checkpoint = json.loads(last.read_text())
        start = int(checkpoint["version"])
        parts = sorted(glob.glob(str(log / f"{start:020d}.checkpoint*.parquet")))
        if not parts:
            raise UnsupportedDeltaTable(f"{table}: checkpoint {start} is not a classic Parquet checkpoint")
        for part in parts:
            actions = pq.read_table(part, columns=["add", "protocol", "metaData"]).to_pylist()
            for action in actions:
                add = action.get("add")
                if add:
                    live[add["path"]] = as_dict(add.get("partitionValues"))
                protocol = action.get("protocol") or protocol
                metadata = action.get("metaData") or metadata
    commits = sorted(
        f for f in log.glob("*.json") if f.stem.isdigit() and int(f.stem) > start
    )
    for commit in commits:
        for line in commit.read_text().splitlines():
            if not line.strip():
                continue
            action = json.loads(line)
            if "add" in action:
                live[action["add"]["path"]] = dict(action["add"].get("partitionValues") or {})
            elif "remove" in action:
                live.pop(action["remove"]["path"], None)
            elif "protocol" in action:
                protocol = action["protocol"]
            elif "metaData" in action:
                metadata = action["metaData"]
    check_protocol(table, protocol, metadata)
    return [(str(table / unquote(path)), parts) for path, parts in sorted(live.items())], metadata or {}


# Spark's type names in a Delta schemaString, as Arrow types (what Spark writes to Parquet).
_SPARK_TYPES = {
    "string": pa.string(), "long": pa.int64(), "integer": pa.int32(), "short": pa.int16(),
    "byte": pa.int8(), "boolean": pa.bool_(), "double": pa.float64(), "float": pa.float32(),
    "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"), "timestamp_ntz": pa.timestamp("us"),
    "binary": pa.binary(),
}


def arrow_type(spark_type) -> pa.DataType:
    """One field type of a Delta schemaString (Spark's JSON schema) as an Arrow type."""
    if isinstance(spark_type, str):
        if spark_type.startswith("decimal("):
            precision, scale = spark_type[len("decimal("):-1].split(",")
            return pa.decimal128(int(precision), int(scale))
        return _SPARK_TYPES[spark_type]
    kind = spark_type["type"]
    if kind == "array":
        return pa.list_(arrow_type(spark_type["elementType"]))
    if kind == "map":
        return pa.map_(arrow_type(spark_type["keyType"]), arrow_type(spark_type["valueType"]))
    return pa.struct([pa.field(f["name"], arrow_type(f["type"])) for f in spark_type["fields"]])


def empty_delta_table(metadata: dict) -> pa.Table:
    """A Delta table without live files (a dataset with no rows) as an empty Arrow table with the
    table's columns; partition columns as strings, as read_table gives them."""
    partitions = set(metadata.get("partitionColumns") or [])
    fields = json.loads(metadata["schemaString"])["fields"]
    return pa.schema([pa.field(f["name"], pa.string() if f["name"] in partitions else arrow_type(f["type"]))
                      for f in fields]).empty_table()


def parquet_files(dataset: Path) -> list[tuple[str, dict[str, str]]]:
    """The files of a Parquet dataset folder (hive-style month folders as partitions)."""
    files = []
    for f in sorted(dataset.rglob("*.parquet")):
        rel = f.relative_to(dataset)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        parts = dict(p.split("=", 1) for p in rel.parts[:-1] if "=" in p)
        files.append((str(f), {k: unquote(v) for k, v in parts.items()}))
    return files


def live_files(dataset: Path) -> list[tuple[str, dict[str, str]]]:
    if (dataset / "_delta_log").is_dir():
        return delta_live_files(dataset)
    return parquet_files(dataset)


def read_table(dataset: Path) -> pa.Table:
    """One dataset as an Arrow table, partition columns included (as strings). A Delta table with no
    rows (no live files) is an empty table with its columns."""
    if (dataset / "_delta_log").is_dir():
        files, metadata = delta_snapshot(dataset)
        if not files:
            return empty_delta_table(metadata)
    else:
        files = parquet_files(dataset)
    if not files:
        raise FileNotFoundError(f"no live Parquet files under {dataset}")
    tables = []
    for path, partitions in files:
        t = pq.read_table(path)
        for name, value in partitions.items():
            if name not in t.column_names:
                t = t.append_column(name, pa.array([value] * t.num_rows, pa.string()))
        tables.append(t)
    return pa.concat_tables(tables, promote_options="default")


_NULLABLE_INTEGERS = {}
try:
    import pandas as _pd

    _NULLABLE_INTEGERS = {pa.int8(): _pd.Int8Dtype(), pa.int16(): _pd.Int16Dtype(),
                          pa.int32(): _pd.Int32Dtype(), pa.int64(): _pd.Int64Dtype()}
except ImportError:  # Arrow and DuckDB alone need no pandas
    pass


class Output:
    """An mrrlake output root: its datasets as pandas frames, Arrow tables or DuckDB views."""

    def __init__(self, path: str | None = None):
        self.root = output_root(path)
        if not self.root.is_dir():
            raise FileNotFoundError(
                f"no mrrlake output at {self.root}: set MRRLAKE_OUTPUT or run `scripts/mrrlake demo`"
            )

    def datasets(self) -> list[str]:
        """Names like calculated/mrr_movements, for every dataset folder that has data."""
        found = []
        for family in DATASET_FAMILIES:
            for d in sorted((self.root / family).glob("*")):
                if d.is_dir() and ((d / "_delta_log").is_dir() or any(d.rglob("*.parquet"))):
                    found.append(f"{family}/{d.name}")
        return found

    def arrow(self, name: str) -> pa.Table:
        return read_table(self.root / name)

    def df(self, name: str):
        """One dataset as a pandas frame. Integer columns are pandas' nullable integers (Int64, ...):
        pandas' default turns an integer column with a null into float64, which holds cents exactly
        only up to 2^53."""
        return self.arrow(name).to_pandas(types_mapper=_NULLABLE_INTEGERS.get)

    def duckdb(self, names: list[str] | None = None) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB with a view per dataset, named family_table. Its session time zone is
        UTC, the output's own: DuckDB otherwise shows and truncates timestamps (date_trunc,
        strftime) in the machine's zone, putting movements near a month's end in the wrong month."""
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        for name in names or self.datasets():
            view = name.replace("/", "_")
            con.register(view, self.arrow(name))
        return con

    def run_summaries(self) -> list[dict]:
        """Every _runs/<as-of>/summary.json, oldest as-of first."""
        return [json.loads(p.read_text()) for p in sorted(self.root.glob("_runs/*/summary.json"))]


# ISO 4217 currencies whose minor unit is not the cent, from the job's own table (MinorUnits: current
# and withdrawn codes; a test keeps the two equal). Every other currency has two decimals.
_MINOR_DIGITS = {
    **{c: 0 for c in ("ADP BEF BIF BYB BYR CLP DJF ESP GNF GRD ISK ITL JPY KMF KRW LUF MGF PTE PYG ROL "
                      "RWF TPE TRL UGX UYI VND VUV XAF XOF XPF").split()},
    **{c: 3 for c in "BHD IQD JOD KWD LYD OMR TND".split()},
    **{c: 4 for c in "CLF UYW".split()},
}


def minor_per_major(currency: str) -> int:
    """100 for USD (amounts in the output are minor units), 1 for JPY, 1000 for KWD."""
    return 10 ** _MINOR_DIGITS.get(str(currency).upper(), 2)


def money(minor: int, currency: str) -> str:
    """Minor units as a major-unit amount with the currency's own decimals: 4350 JPY -> '4,350',
    30700 KWD -> '30.700', 123456 USD -> '1,234.56'."""
    digits = _MINOR_DIGITS.get(str(currency).upper(), 2)
    return f"{minor / 10 ** digits:,.{digits}f}"
