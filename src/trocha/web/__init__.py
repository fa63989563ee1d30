"""The analyst web app and JSON API over a store (FastAPI); it never opens a database connection itself."""

from __future__ import annotations

from trocha.web.app import create_app

__all__ = ["create_app"]
