"""Export formats over incidents or events read through the store (this package writes files, never SQL)."""

from __future__ import annotations

from trocha.export.formats import (
    ACLED_COLUMNS,
    GDELT_COLUMNS,
    acled_record,
    gdelt_record,
    plover_record,
    write_acled_csv,
    write_gdelt_tsv,
    write_geojson,
    write_parquet,
    write_plover_jsonl,
)
from trocha.export.rows import ExportRow, from_event, from_incident

FORMATS = ("acled-csv", "plover-jsonl", "gdelt-tsv", "geojson", "parquet")

__all__ = [
    "ACLED_COLUMNS", "FORMATS", "GDELT_COLUMNS", "ExportRow", "acled_record", "from_event", "from_incident",
    "gdelt_record", "plover_record", "write_acled_csv", "write_gdelt_tsv", "write_geojson", "write_parquet",
    "write_plover_jsonl",
]
