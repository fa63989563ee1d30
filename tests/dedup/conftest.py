"""Merge tests run on both backends."""

from tests.store.backends import db_url, store

__all__ = ["db_url", "store"]
