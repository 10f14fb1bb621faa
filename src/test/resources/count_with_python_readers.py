"""Counts the rows of Parquet dataset folders with every common Python reader, pointed at the folder
the way a new user would. Prints one JSON object: {folder: {reader: rows}}. A reader that raises
shows up as the error's text, so the calling test names it."""
import json
import sys

import duckdb
import pandas
import polars
import pyarrow.dataset


def readers(folder):
    yield "duckdb", lambda: duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)").fetchone()[0]
    yield "pyarrow", lambda: pyarrow.dataset.dataset(folder, format="parquet", partitioning="hive").count_rows()
    yield "pandas", lambda: len(pandas.read_parquet(folder))
    yield "polars", lambda: polars.scan_parquet(folder, hive_partitioning=True).select(polars.len()).collect().item()


result = {}
for folder in sys.argv[1:]:
    counts = {}
    for name, count in readers(folder):
        try:
            counts[name] = int(count())
        except Exception as e:  # reported, not hidden: the test fails naming the reader and the error
            counts[name] = f"{type(e).__name__}: {e}"
    result[folder] = counts
print(json.dumps(result))
