"""The dashboard's HTML pages (filled in by the dashboard commit)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
