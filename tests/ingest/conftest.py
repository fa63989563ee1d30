"""Ingest tests run on both backends and against a loopback HTTP server."""

from tests.ingest.server import site
from tests.store.backends import db_url, store

__all__ = ["db_url", "site", "store"]
