"""One table of settings (name, default, help) -> typed Settings; TROCHA_* environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from trocha.errors import TrochaError


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of trocha. docs/settings.md lists each one (a test keeps it complete)."""

    max_chars: int = 1_000_000
    """Longest text (in characters) that is coded; longer inputs are rejected as too_large."""
    stages: str = "normalize,language,sentences,actors,places,geocode,triggers,dates,quantities,assemble"
    """Comma-separated stage names of the extraction line, in order."""
    geo_cache_dir: str = ""
    """Folder of the built gazetteer index; empty means $XDG_CACHE_HOME/trocha or ~/.cache/trocha."""
    # --- store and ingest (docs/store.md) ---
    database_url: str = ""
    """SQLAlchemy URL of the store; empty means a SQLite file at db_path. PostgreSQL: postgresql+psycopg://..."""
    db_path: str = "trocha.db"
    """SQLite file used when database_url is empty (created on first use)."""
    fetch_timeout: int = 20
    """Seconds before an HTTP request (connect or read) gives up."""
    fetch_max_bytes: int = 5_000_000
    """Largest page or feed body read; a bigger one is rejected as too_large."""
    fetch_retries: int = 2
    """Extra tries after a timeout, connection error or 5xx answer (with a growing pause)."""
    host_delay_ms: int = 1000
    """Politeness: least milliseconds between two requests to the same host."""
    user_agent: str = "trocha/0.1 (+https://example.invalid/trocha)"
    """User-Agent header sent with every request."""
    watch_interval: int = 900
    """Seconds between two polls of the feeds in sources.toml (a feed's own interval wins)."""
    near_dup_similarity: int = 80
    """Percent of shared word 3-shingles (Jaccard) from which an article is a near-duplicate of a stored one."""
    dedup_days: int = 3
    """Events more than this many days apart are never the same incident."""
    dedup_km: int = 30
    """Events whose coordinates are farther apart than this are never the same incident."""
    # --- web app and API (docs/web.md) ---
    web_tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    """Map tile URL template of the dashboard; empty shows the map without tiles (markers still work offline)."""
    web_tile_attribution: str = "&copy; OpenStreetMap contributors"
    """Attribution shown under the map tiles."""
    web_rate_per_minute: int = 600
    """Requests a token (or, before sign-in, a client address) may make per minute, on average."""
    web_rate_burst: int = 120
    """Requests a token may make at once before the per-minute rate applies (token bucket size)."""
    web_max_page: int = 500
    """Largest page size (`limit`) of the list endpoints; a larger one is a 400."""
    web_cache_mb: int = 256
    """Megabytes of API answers a server process keeps per organisation and query until the store changes (0: off)."""
    web_max_body_bytes: int = 2_000_000
    """Largest request body accepted (a submitted report); a larger one is a 413."""
    web_session_hours: int = 12
    """Hours a dashboard sign-in lasts."""
    web_secure_cookies: int = 0
    """1 marks the session cookie Secure (set it when serving over HTTPS behind a proxy)."""
    web_export_max_rows: int = 100_000
    """Most rows one export request writes."""
    web_merge_on_submit: int = 1
    """1 recomputes incidents after each report submitted through the API (0 leaves it to `trocha merge`)."""


def settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from defaults overridden by TROCHA_<NAME> environment variables."""
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = env.get(f"TROCHA_{f.name.upper()}")
        if raw is None:
            continue
        try:
            values[f.name] = int(raw) if f.type in (int, "int") else raw
        except ValueError as exc:
            raise TrochaError(f"TROCHA_{f.name.upper()} must be an integer, not {raw!r}") from exc
    return Settings(**values)  # type: ignore[arg-type]
