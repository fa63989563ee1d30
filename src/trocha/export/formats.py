"""Output formats: ACLED CSV, PLOVER JSONL, GDELT-like event TSV, GeoJSON points and Parquet."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from trocha.errors import TrochaError
from trocha.export.rows import ExportRow

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_GEO_PRECISION = {"town": 1, "municipality": 2, "admin1": 3, "country": 3}
_GDELT_GEO_TYPE = {"country": 1, "admin1": 5, "municipality": 4, "town": 4}


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _inter(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def acled_record(row: ExportRow, timestamp: int = 0) -> dict[str, Any]:
    """One row with ACLED's column names (values ACLED has and trocha cannot know are left empty)."""
    ev, loc, a1, a2 = row.event, row.location, row.actor(1), row.actor(2)
    day = ev.get("date")
    i1, i2 = _inter(a1.get("inter")), _inter(a2.get("inter"))
    interaction = f"{min(i1, i2)}{max(i1, i2)}" if i1 and i2 else (f"{i1}0" if i1 else "")
    tags = []
    if row.fatalities_min is not None and row.fatalities_max is not None and row.fatalities_min != row.fatalities_max:
        tags.append(f"fatalities reported {row.fatalities_min}-{row.fatalities_max}")
    if len(row.sources) > 1:
        tags.append(f"{len(row.sources)} reports")
    return {
        "event_id_cnty": row.key, "event_date": day or "", "year": day[:4] if day else "",
        "time_precision": 2 if ev.get("date_basis") == "publication" else 1,
        "disorder_type": ev.get("disorder_type"), "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"), "actor1": a1.get("name"),
        "assoc_actor_1": "; ".join(str(a.get("name")) for a in ev.get("assoc_actors") or []), "inter1": i1,
        "actor2": a2.get("name"), "assoc_actor_2": "", "inter2": i2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "", "iso": "", "region": "",
        "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "admin3": "",
        "location": loc.get("name") or loc.get("text"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(str(loc.get("precision")), ""), "source": "; ".join(row.source_names),
        "source_scale": "", "notes": row.notes, "fatalities": ev.get("fatalities"), "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def write_acled_csv(rows: Iterable[ExportRow], out: IO[str], timestamp: int = 0) -> int:
    """ACLED-style CSV with ACLED's header; returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in acled_record(row, timestamp).items()})
        n += 1
    return n


def plover_record(row: ExportRow) -> dict[str, Any]:
    """A PLOVER-style event object (event type, mode, actors, place, date, sources)."""
    ev, loc, a1, a2 = row.event, row.location, row.actor(1), row.actor(2)
    return {
        "id": row.key, "date": ev.get("date"), "event_type": ev.get("plover"), "mode": ev.get("plover_mode"),
        "context": [ev.get("sub_event_type")] if ev.get("sub_event_type") else [],
        "actor1": a1.get("name"), "actor1_country": a1.get("country"), "actor1_cameo": a1.get("cameo"),
        "actor2": a2.get("name"), "actor2_country": a2.get("country"), "actor2_cameo": a2.get("cameo"),
        "location": {"name": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
                     "admin2": loc.get("admin2"), "lat": loc.get("lat"), "lon": loc.get("lon")},
        "fatalities": ev.get("fatalities"), "fatalities_range": [row.fatalities_min, row.fatalities_max],
        "cameo": ev.get("cameo"), "acled_event_type": ev.get("event_type"), "text": row.notes,
        "sources": [{"source": s.get("source"), "url": s.get("url"), "published": s.get("published")}
                    for s in row.sources],
    }


def write_plover_jsonl(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """One PLOVER-style JSON object per line."""
    n = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in ("Type", "FullName", "CountryCode",
                                                                             "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                             "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


def gdelt_record(row: ExportRow, added: str = "") -> dict[str, Any]:
    """A GDELT 2.0-like event row: CAMEO codes, QuadClass, Goldstein and ActionGeo fields."""
    ev, loc = row.event, row.location
    day = ev.get("date") or ""
    out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    out["GLOBALEVENTID"] = int(hashlib.sha1(row.key.encode()).hexdigest()[:12], 16)
    if day:
        d = date.fromisoformat(day)
        out.update(SQLDATE=d.strftime("%Y%m%d"), MonthYear=d.strftime("%Y%m"), Year=d.year,
                   FractionDate=round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4))
    for n in (1, 2):
        a = row.actor(n)
        cameo = str(a.get("cameo") or "")
        out[f"Actor{n}Code"] = cameo
        out[f"Actor{n}Name"] = (a.get("name") or "").upper()
        out[f"Actor{n}CountryCode"] = a.get("country") or ""
        out[f"Actor{n}Type1Code"] = cameo[3:6] if len(cameo) >= 6 else (cameo[1:4] if cameo.startswith("~") else "")
    code = str(ev.get("cameo") or "")
    out.update(IsRootEvent=1, EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2],
               QuadClass=ev.get("quad_class") or "", GoldsteinScale=ev.get("goldstein") or "",
               NumMentions=len(row.sources), NumSources=len(row.source_names) or len(row.sources),
               NumArticles=len(row.sources))
    if loc:
        out.update(ActionGeo_Type=_GDELT_GEO_TYPE.get(str(loc.get("precision")), ""),
                   ActionGeo_FullName=", ".join(str(x) for x in (loc.get("name"), loc.get("admin1"),
                                                                 loc.get("country")) if x),
                   ActionGeo_ADM1Code=loc.get("admin1") or "", ActionGeo_ADM2Code=loc.get("admin2") or "",
                   ActionGeo_Lat=loc.get("lat") or "", ActionGeo_Long=loc.get("lon") or "")
    out["DATEADDED"] = added
    out["SOURCEURL"] = row.urls[0] if row.urls else ""
    return out


def write_gdelt_tsv(rows: Iterable[ExportRow], out: IO[str], added: str = "") -> int:
    """Tab-separated GDELT-like rows with a header line."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in rows:
        rec = gdelt_record(row, added)
        out.write("\t".join(_cell(rec[c]).replace("\t", " ").replace("\n", " ") for c in GDELT_COLUMNS) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[ExportRow], out: IO[str]) -> tuple[int, int]:
    """A FeatureCollection of points for QGIS; returns (written, skipped for lack of coordinates)."""
    features: list[dict[str, Any]] = []
    skipped = 0
    for row in rows:
        loc = row.location
        lat, lon = loc.get("lat"), loc.get("lon")
        if not isinstance(lat, int | float) or not isinstance(lon, int | float):
            skipped += 1
            continue
        props = {k: v for k, v in acled_record(row).items() if k not in ("latitude", "longitude", "timestamp")}
        props["fatalities_min"], props["fatalities_max"] = row.fatalities_min, row.fatalities_max
        props["urls"] = " ".join(row.urls)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features), skipped


def write_parquet(rows: Iterable[ExportRow], path: str) -> int:
    """ACLED columns (plus fatality range and URLs) in a Parquet file; needs pyarrow (`pip install trocha[parquet]`)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise TrochaError("parquet export needs pyarrow: pip install 'trocha[parquet]'") from exc
    records = []
    for row in rows:
        rec = acled_record(row)
        rec["fatalities_min"], rec["fatalities_max"] = row.fatalities_min, row.fatalities_max
        rec["urls"] = " ".join(row.urls)
        records.append({k: (v if v != "" else None) for k, v in rec.items()})
    schema = pa.schema([(c, pa.string()) for c in ACLED_COLUMNS if c not in _NUMERIC]
                       + [(c, pa.float64()) for c in ("latitude", "longitude")]
                       + [(c, pa.int64()) for c in _NUMERIC if c not in ("latitude", "longitude")]
                       + [("fatalities_min", pa.int64()), ("fatalities_max", pa.int64()), ("urls", pa.string())])
    cols = {f.name: [_parquet_value(r.get(f.name), f.type) for r in records] for f in schema}
    pq.write_table(pa.table(cols, schema=schema), path)
    return len(records)


_NUMERIC = ("year", "time_precision", "inter1", "inter2", "latitude", "longitude", "geo_precision", "fatalities",
            "timestamp")


def _parquet_value(value: Any, kind: Any) -> Any:
    if value is None:
        return None
    text = str(kind)
    if text == "string":
        return str(value)
    if text == "double":
        return float(value)
    return int(value)
